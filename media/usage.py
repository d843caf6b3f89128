"""Where a library image appears: lead photos, inside article bodies, author avatars."""

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass
class ImageUsage:
    lead_for: QuerySet
    inline_in: QuerySet
    avatar_of: QuerySet

    @property
    def is_used(self) -> bool:
        return self.lead_for.exists() or self.inline_in.exists() or self.avatar_of.exists()


def find_image_usage(image) -> ImageUsage:
    # Imported here: the image library does not otherwise depend on articles.
    from articles.models import Article

    return ImageUsage(
        lead_for=image.lead_for_articles.order_by("-modified_at"),
        inline_in=Article.objects.filter(body__contains=image.file.name).order_by("-modified_at"),
        avatar_of=image.author_avatars.order_by("name"),
    )
