from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ReaderConfig(AppConfig):
    name = "reader"
    verbose_name = _("Reader site")

    def ready(self):
        from taggit.models import Tag

        from articles import events
        from articles.models import Article, CallToAction, Section
        from authors.models import Author, AuthorLink
        from media.models import Image
        from pages.models import Page

        from .fragments import start_new_generation_on_change, start_new_generation_on_save
        from .kept_documents import (
            start_new_content_version,
            start_new_content_version_if_seen,
            start_new_content_version_on_change,
        )

        # Their names and addresses are in kept cards and stories of articles that were
        # not saved, and sections and pages in every page's kept header and footer.
        receivers = {
            Section: start_new_generation_on_save,
            Page: start_new_generation_on_save,
            Author: start_new_generation_on_change,
            Tag: start_new_generation_on_change,
        }
        for model, receiver in receivers.items():
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model, dispatch_uid=f"fragments-{model.__name__}")
        # Feeds, sitemaps and what {% kept_by_content %} keeps follow what is published,
        # the sections, tags, authors and pages they list, the photos and the promo they show.
        for signal in events.ANNOUNCEMENTS:
            signal.connect(start_new_content_version, dispatch_uid="kept-documents")
        kept_receivers = {
            # An author's links are on their kept page.
            **dict.fromkeys([*receivers, AuthorLink, CallToAction], start_new_content_version),
            Image: start_new_content_version_on_change,
            Article: start_new_content_version_if_seen,
        }
        for model, receiver in kept_receivers.items():
            for signal in (post_save, post_delete):
                signal.connect(receiver, sender=model, dispatch_uid=f"kept-{model.__name__}")
