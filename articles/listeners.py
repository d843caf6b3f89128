"""Receivers for what the apps below articles announce: a changed author or photo.

Connected in ``ArticlesConfig.ready()``. Each finds the articles that show the
author or photo and hands them to ``services.announce_articles_shown_with``, which
refreshes their search documents where needed and announces them after commit.
"""

from django.db.models import Q

from media.models import Image

from .models import Article
from .services import announce_articles_shown_with

# What an article page, card or feed shows of an author and of a photo.
AUTHOR_FIELDS_SHOWN = frozenset({"name", "slug", "role", "short_bio", "avatar"})
IMAGE_FIELDS_SHOWN = frozenset(
    {"file", "alt_text", "caption", "credit", "copyright_holder", "focal_point_x", "focal_point_y"}
)


def author_saved(sender, *, author_id: int, changed_fields: frozenset[str], **kwargs) -> None:
    if AUTHOR_FIELDS_SHOWN & changed_fields:
        announce_articles_shown_with(
            Article.objects.filter(bylines__author_id=author_id), refresh_search="name" in changed_fields
        )


def image_saved(sender, *, image_id: int, changed_fields: frozenset[str], **kwargs) -> None:
    if not IMAGE_FIELDS_SHOWN & changed_fields:
        return
    image = Image.objects.only("file").get(pk=image_id)
    announce_articles_shown_with(
        Article.objects.filter(
            Q(lead_image_id=image_id) | Q(body__contains=image.file.name) | Q(bylines__author__avatar_id=image_id)
        )
    )
