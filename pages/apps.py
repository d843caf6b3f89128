from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from richtext.xml_text import connect_text_cleaning

        connect_text_cleaning(*self.get_models())
