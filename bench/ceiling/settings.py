"""A Django project of one view, served with the same gunicorn settings as Newsroom."""

SECRET_KEY = "the-ceiling-has-no-secrets"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.ceiling.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
