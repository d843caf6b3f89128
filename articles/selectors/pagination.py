"""Keyset ("cursor") pagination on publication time and id.

Readers page through the archive by asking for what comes after the last item they
saw, so the 5,000th page costs one index range scan like the first, and no page ever
counts the archive. A cursor is "<microseconds since the epoch>-<id>"; anything else
is a 404. A tag's or author's list pages by its join rows' copies of the two
(``ArticleQuerySet.listing_order``): the same values, so the same cursors.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

_CURSOR = re.compile(r"^([0-9]{1,18})-([0-9]{1,18})$")


@dataclass(frozen=True)
class Cursor:
    published_at: datetime.datetime
    pk: int

    @classmethod
    def parse(cls, value: str | None) -> "Cursor | None":
        if value is None or value == "":
            return None
        match = _CURSOR.match(value)
        if not match:
            raise Http404("Malformed page cursor.")
        microseconds, pk = (int(group) for group in match.groups())
        try:
            moment = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(microseconds=microseconds)
        except OverflowError:
            raise Http404("Page cursor out of range.") from None
        return cls(moment, pk)

    @classmethod
    def after(cls, article) -> "Cursor":
        return cls(article.published_at, article.pk)

    def __str__(self) -> str:
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
        delta = self.published_at - epoch
        microseconds = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return f"{microseconds}-{self.pk}"


@dataclass
class Page:
    items: list
    next_cursor: Cursor | None
    is_first: bool

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None


def keyset_page(queryset: QuerySet, cursor: Cursor | None, size: int) -> Page:
    """The ``size`` newest articles of ``queryset`` (an ``ArticleQuerySet``) older than ``cursor``.

    The redundant ``<time> <= …`` lets the database start its index scan at the
    cursor instead of filtering its way there from the newest row.
    """
    if cursor is not None:
        time, pk = queryset.listing_order()
        queryset = queryset.filter(
            Q(**{f"{time}__lt": cursor.published_at}) | Q(**{time: cursor.published_at, f"{pk}__lt": cursor.pk}),
            **{f"{time}__lte": cursor.published_at},
        )
    rows = list(queryset.latest_first()[: size + 1])
    if cursor is not None and not rows:
        raise Http404("No articles beyond this point.")
    items = rows[:size]
    next_cursor = Cursor.after(items[-1]) if len(rows) > size else None
    return Page(items=items, next_cursor=next_cursor, is_first=cursor is None)
