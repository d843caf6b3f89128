"""Search over headline, standfirst, body, tags and author names.

On PostgreSQL: ranked matches against each article's full-text document
(``articles.search_index``) with highlighted snippets. On SQLite: a plain
case-insensitive match on the same fields, newest first, which is enough for a
laptop demo.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Substr

from ..models import Article
from ..search_index import SEARCH_CONFIG
from ..search_index import uses_tsvector as uses_full_text

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
# Markers ts_headline puts around matches; replaced by <mark> after escaping.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DASHES = re.compile(r"-{2,}")
_LOOSE_DASH = re.compile(r"-(?!\w)")
MAX_WORDS = 16

__all__ = ["HIGHLIGHT_START", "HIGHLIGHT_STOP", "clean_query", "matching", "search_articles", "uses_full_text"]


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched and whether it was cut: control characters removed, runs of
    dashes (PostgreSQL's "tsquery stack too small") reduced to one, a dash that negates
    nothing dropped, the length and the number of words capped."""
    text = _UNSAFE.sub(" ", raw or "")
    text = _DASHES.sub("-", text)
    text = _LOOSE_DASH.sub(" ", text)
    words = text.split()
    text = " ".join(words[:MAX_WORDS])
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH or len(words) > MAX_WORDS


def full_text_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)


def matching(articles: QuerySet, query: str) -> QuerySet:
    """Those of ``articles`` whose headline, standfirst, body, tags or authors' names match
    ``query``: their full-text documents on PostgreSQL, a plain match of every word elsewhere.
    Any status: the reader site narrows it to published articles, the admin's list does not."""
    if uses_full_text():
        return articles.filter(search_vector=full_text_query(query))
    condition = Q()
    for term in query.split()[:MAX_TERMS]:
        condition &= (
            Q(headline__icontains=term)
            | Q(standfirst__icontains=term)
            | Q(body__icontains=term)
            | Q(pk__in=Article.objects.filter(tagged_items__tag__name__icontains=term).values("pk"))
            | Q(pk__in=Article.objects.filter(bylines__author__name__icontains=term).values("pk"))
        )
    return articles.filter(condition)


def search_articles(query: str) -> QuerySet:
    """Published articles matching ``query``, best first, each with a ``snippet``."""
    articles = matching(Article.objects.published(), query)
    if uses_full_text():
        search = full_text_query(query)
        plain_body = _strip_tags_sql("body")
        return articles.annotate(
            rank=SearchRank(F("search_vector"), search),
            snippet=SearchHeadline(
                plain_body,
                search,
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=40,
                min_words=20,
                max_fragments=2,
            ),
        ).order_by("-rank", "-published_at", "-pk")
    return articles.annotate(snippet=Coalesce(Substr("standfirst", 1, 300), Value(""))).order_by("-published_at", "-pk")


def _strip_tags_sql(field: str) -> Func:
    return Func(F(field), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
