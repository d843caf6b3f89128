from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = _("Reader site")

    def ready(self):
        from articles.models import Section
        from authors.models import Author
        from pages.models import Page

        from .fragments import start_new_generation_on_save

        # Their names and addresses are on kept cards of articles that were not saved,
        # and sections and pages in every page's kept header and footer.
        for model in (Section, Author, Page):
            for signal in (post_save, post_delete):
                signal.connect(start_new_generation_on_save, sender=model, dispatch_uid=f"fragments-{model.__name__}")
