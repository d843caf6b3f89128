"""The full-text search documents: one weighted tsvector per article, kept current.

On PostgreSQL every article has a document (``Article.search_vector``, GIN-indexed)
built from its headline, standfirst, tags, author names and body. The services
refresh it in the same transaction as every save, so search is never behind the
article; ``rebuild_search_index`` rebuilds them all. On SQLite there is nothing to
keep: ``articles.selectors.search`` matches the fields themselves.
"""

from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.db.models import Max, Min

from .models import Article

SEARCH_CONFIG = "english"

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
 || setweight(to_tsvector('{config}', left(coalesce(a.body, ''), {body_limit})), 'C')
FROM chosen
LEFT JOIN tag_names ON tag_names.id = chosen.id
LEFT JOIN author_names ON author_names.id = chosen.id
WHERE a.id = chosen.id
"""
# PostgreSQL refuses a tsvector over 1 MB: the document takes the body's first 300,000
# characters (about 45,000 words, far beyond any story), so every allowed body indexes.
BODY_INDEX_LIMIT = 300_000
_BY_IDS = _VECTOR_SQL.format(
    config=SEARCH_CONFIG, body_limit=BODY_INDEX_LIMIT, chosen="SELECT unnest(%s::bigint[]) AS id"
)
_BY_RANGE = _VECTOR_SQL.format(
    config=SEARCH_CONFIG,
    body_limit=BODY_INDEX_LIMIT,
    chosen="SELECT id FROM articles_article WHERE id BETWEEN %s AND %s",
)
REBUILD_CHUNK = 5_000


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


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
