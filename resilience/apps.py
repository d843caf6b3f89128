from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    """Keeps the site answering when a dependency fails: the cache, the database, the logs."""

    name = "resilience"
