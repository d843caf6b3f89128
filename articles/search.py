"""Search over headline, standfirst, body, tags and author names.

On PostgreSQL: a weighted full-text document per article (``Article.search_vector``,
GIN-indexed), ranked matches and highlighted snippets. On SQLite: a plain
case-insensitive match on the same fields, newest first, which is enough for a
laptop demo.
"""

import re
from concurrent.futures import ThreadPoolExecutor

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Func, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Substr

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
SEARCH_CONFIG = "english"
# Markers ts_headline puts around matches; replaced by <mark> after escaping.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# One statement for a set of articles: tag and author names are aggregated once for
# the set, not per row. HTML tags need no stripping: PostgreSQL's parser skips them.
_VECTOR_SQL = """
WITH chosen AS ({chosen}),
tag_names AS (
    SELECT ta.content_object_id AS id, string_agg(t.name, ' ') AS names
    FROM articles_taggedarticle ta JOIN taggit_tag t ON t.id = ta.tag_id
    WHERE ta.content_object_id IN (SELECT id FROM chosen) GROUP BY 1
),
author_names AS (
    SELECT b.article_id AS id, string_agg(au.name, ' ') AS names
    FROM articles_byline b JOIN authors_author au ON au.id = b.author_id
    WHERE b.article_id IN (SELECT id FROM chosen) GROUP BY 1
)
UPDATE articles_article AS a SET search_vector =
    setweight(to_tsvector('{config}', coalesce(a.headline, '')), 'A')
 || setweight(to_tsvector('{config}', coalesce(a.standfirst, '')), 'B')
 || setweight(to_tsvector('{config}', coalesce(tag_names.names, '')), 'B')
 || setweight(to_tsvector('{config}', coalesce(author_names.names, '')), 'B')
 || setweight(to_tsvector('{config}', coalesce(a.body, '')), 'C')
FROM chosen
LEFT JOIN tag_names ON tag_names.id = chosen.id
LEFT JOIN author_names ON author_names.id = chosen.id
WHERE a.id = chosen.id
"""
_BY_IDS = _VECTOR_SQL.format(config=SEARCH_CONFIG, chosen="SELECT unnest(%s::bigint[]) AS id")
_BY_RANGE = _VECTOR_SQL.format(
    config=SEARCH_CONFIG, chosen="SELECT id FROM articles_article WHERE id BETWEEN %s AND %s"
)
REBUILD_CHUNK = 5_000


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def clean_query(raw: str) -> tuple[str, bool]:
    """The query as searched (control characters removed, length capped) and whether it was cut."""
    text = " ".join(_UNSAFE.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def refresh_search_vectors(article_ids: list[int]) -> None:
    """Rebuild the search document of these articles; PostgreSQL only."""
    if uses_full_text() and article_ids:
        with connection.cursor() as cursor:
            cursor.execute(_BY_IDS, [list(article_ids)])


def rebuild_search_index(*, workers: int = 2, progress=None) -> int:
    """Rebuild every article's search document, in id ranges over ``workers`` connections.

    Building the documents is CPU work in PostgreSQL, so two connections on two cores
    take half the time of one. Call it outside a transaction: each range commits on
    its own. ``progress(n)`` is told how many articles each finished range held.
    """
    if not uses_full_text():
        return 0
    bounds = Article.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return 0
    starts = range(bounds["low"], bounds["high"] + 1, REBUILD_CHUNK)
    ranges = [(low, min(low + REBUILD_CHUNK - 1, bounds["high"])) for low in starts]

    def rebuild(id_range: tuple[int, int]) -> int:
        with connection.cursor() as cursor:
            cursor.execute(_BY_RANGE, list(id_range))
            return cursor.rowcount

    def rebuild_in_worker(id_range: tuple[int, int]) -> int:
        try:
            return rebuild(id_range)
        finally:
            connection.close()  # each worker thread has its own connection

    if connection.in_atomic_block:
        # Other connections could not see (or would wait for) this transaction's rows.
        counts = map(rebuild, ranges)
        return _report(counts, progress)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return _report(pool.map(rebuild_in_worker, ranges), progress)


def _report(counts, progress) -> int:
    total = 0
    for count in counts:
        total += count
        if progress is not None:
            progress(count)
    return total


def search_articles(query: str) -> QuerySet:
    """Published articles matching ``query``, best first, each with a ``snippet``."""
    articles = Article.objects.published()
    if uses_full_text():
        search = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        plain_body = _strip_tags_sql("body")
        return (
            articles.filter(search_vector=search)
            .annotate(
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
            )
            .order_by("-rank", "-published_at", "-pk")
        )
    condition = Q()
    for term in query.split()[:MAX_TERMS]:
        condition &= (
            Q(headline__icontains=term)
            | Q(standfirst__icontains=term)
            | Q(body__icontains=term)
            | Q(pk__in=Article.objects.filter(tagged_items__tag__name__icontains=term).values("pk"))
            | Q(pk__in=Article.objects.filter(bylines__author__name__icontains=term).values("pk"))
        )
    return (
        articles.filter(condition)
        .annotate(snippet=Coalesce(Substr("standfirst", 1, 300), Value("")))
        .order_by("-published_at", "-pk")
    )


def _strip_tags_sql(field: str) -> Func:
    return Func(F(field), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace")
