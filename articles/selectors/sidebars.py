"""News Feed, Most Popular and Editors' Picks as they appear beside an article.

Each list leaves out the article it stands beside. The lists are lazy: the article
template caches the rendered sidebars for a minute, so on most requests none of
these queries run at all.
"""

from django.db.models import Case, IntegerField, QuerySet, When

from ..models import Article
from .pagination import Cursor
from .popular import most_popular_ids

SIDEBAR_SIZE = 8


def in_given_order(queryset: QuerySet, ids: list[int]) -> QuerySet:
    if not ids:
        return queryset.none()
    position = Case(*[When(pk=pk, then=index) for index, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(position)


# What sidebar_lists() gives, by name.
SIDEBAR_LISTS = ("news_feed", "editors_picks", "most_popular")


def sidebar_lists(*, leaving_out: int | None = None, more_path: str = "") -> dict:
    """The three sidebar lists without article ``leaving_out``; the News Feed's "Show
    More" continues at ``more_path`` (the full feed's address) from its last item."""
    published = Article.objects.published().for_cards().exclude(pk=leaving_out)
    return {
        "news_feed": LazyNewsFeed(published, more_path),
        "editors_picks": published.editors_picks()[:SIDEBAR_SIZE],
        "most_popular": LazyMostPopular(published, leaving_out),
    }


class LazyNewsFeed:
    """The newest articles, queried only when the template first asks for them."""

    def __init__(self, published: QuerySet, more_path: str):
        self.published = published
        self.more_path = more_path
        self._rows = None

    def _load(self) -> list[Article]:
        if self._rows is None:
            self._rows = list(self.published.latest_first()[: SIDEBAR_SIZE + 1])
        return self._rows

    @property
    def items(self) -> list[Article]:
        return self._load()[:SIDEBAR_SIZE]

    @property
    def more_url(self) -> str:
        """Where "Show More" goes: the feed's next page after the last item shown."""
        rows = self._load()
        if len(rows) <= SIDEBAR_SIZE or not self.more_path:
            return self.more_path
        return f"{self.more_path}?before={Cursor.after(rows[SIDEBAR_SIZE - 1])}"


class LazyMostPopular:
    """Looks up the cached Most Popular ids only when the template iterates."""

    def __init__(self, published: QuerySet, leaving_out: int | None = None):
        self.published = published
        self.leaving_out = leaving_out
        self._articles = None

    def _load(self):
        if self._articles is None:
            ids = [pk for pk in most_popular_ids() if pk != self.leaving_out][:SIDEBAR_SIZE]
            self._articles = list(in_given_order(self.published, ids))
        return self._articles

    def __iter__(self):
        return iter(self._load())

    def __bool__(self):
        return bool(self._load())


MORE_FROM_SECTION_SIZE = 4


def more_from_section(article: Article) -> QuerySet:
    """The section's newest other stories, for under the article (lazy)."""
    return (
        Article.objects.published()
        .in_section(article.section_id)
        .exclude(pk=article.pk)
        .latest_first()
        .for_cards()[:MORE_FROM_SECTION_SIZE]
    )
