"""News Feed, Most Popular and Editors' Picks as they appear beside articles.

The querysets are lazy: the article template caches the rendered sidebars for a
minute, so on most requests none of these queries run at all.
"""

from django.db.models import Case, IntegerField, QuerySet, When

from ..models import Article
from .popular import most_popular_ids

SIDEBAR_SIZE = 8


def in_given_order(queryset: QuerySet, ids: list[int]) -> QuerySet:
    if not ids:
        return queryset.none()
    position = Case(*[When(pk=pk, then=index) for index, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(position)


def sidebar_lists() -> dict[str, QuerySet]:
    published = Article.objects.published().select_related("section")
    return {
        "news_feed": published.latest_first()[:SIDEBAR_SIZE],
        "editors_picks": published.editors_picks()[:SIDEBAR_SIZE],
        "most_popular": LazyMostPopular(published),
    }


class LazyMostPopular:
    """Looks up the cached Most Popular ids only when the template iterates."""

    def __init__(self, published: QuerySet):
        self.published = published
        self._articles = None

    def _load(self):
        if self._articles is None:
            self._articles = list(in_given_order(self.published, most_popular_ids()[:SIDEBAR_SIZE]))
        return self._articles

    def __iter__(self):
        return iter(self._load())

    def __bool__(self):
        return bool(self._load())
