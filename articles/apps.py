from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def articles_with_lead_image(image):
    from .models import Article

    return Article.objects.filter(lead_image=image).order_by("-modified_at")


def articles_with_image_in_text(image):
    from .models import Article

    return Article.objects.filter(body__contains=image.file.name).order_by("-modified_at")


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        from taggit.models import Tag

        from authors.events import author_saved
        from media.events import image_saved
        from media.usage import register_usage
        from richtext.xml_text import connect_text_cleaning

        from . import listeners
        from .roles import sync_role_permissions

        # After migrate has created every app's permissions (auth's own handler for
        # this app runs first), bring the role groups in line with articles.roles.
        post_migrate.connect(sync_role_permissions, sender=self, dispatch_uid="articles-sync-roles")
        register_usage("article-lead", _("Lead photo of"), articles_with_lead_image)
        register_usage("article-text", _("Inside the text of"), articles_with_image_in_text, blocks_deletion=True)
        # Authors and photos live below articles: they say what changed, and the
        # articles that show them are announced from here.
        author_saved.connect(listeners.author_saved, dispatch_uid="articles-author-saved")
        image_saved.connect(listeners.image_saved, dispatch_uid="articles-image-saved")
        # No character XML cannot carry reaches a feed or a sitemap from these texts.
        connect_text_cleaning(*self.get_models(), Tag)
