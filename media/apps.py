from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Image library")

    def ready(self):
        from richtext.xml_text import connect_text_cleaning

        from .file_cleanup import connect_file_cleanup

        connect_file_cleanup()
        # No character XML cannot carry reaches a feed from a caption or a credit.
        connect_text_cleaning(*self.get_models())
