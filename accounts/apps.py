from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Signing in to the admin: login throttling on top of django-axes (``throttling.py``)."""

    name = "accounts"
    verbose_name = _("Accounts")
