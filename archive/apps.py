from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """Export and import of a whole newsroom: ``export_content`` and ``import_content``."""

    name = "archive"
    verbose_name = _("Export and import")
