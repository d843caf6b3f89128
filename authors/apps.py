from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def authors_with_avatar(image):
    from .models import Author

    return Author.objects.filter(avatar=image).order_by("name")


class AuthorsConfig(AppConfig):
    name = "authors"
    verbose_name = _("Authors")

    def ready(self):
        from media.usage import register_usage
        from richtext.xml_text import connect_text_cleaning

        register_usage("author-avatar", _("Avatar of"), authors_with_avatar)
        connect_text_cleaning(*self.get_models())
