"""The full-text search documents of the articles, kept in step with them on either database.

- PostgreSQL: one weighted tsvector per article (``Article.search_vector``, GIN-indexed)
  built from its headline (weight A), standfirst, tag and author names (B) and body (C).
- SQLite: the FTS5 table ``article_search`` (migration 0009), one row per article whose
  rowid is the article's id, with its headline, standfirst, body as plain text, tag
  names and author names, stemmed (Porter) with accents folded.

``refresh_search_documents`` brings some articles' documents up to date; the services
call it in the same transaction as every save, tag or byline change, rename of a tag
or an author, and deletion, so search is never behind the articles.
``rebuild_search_index`` rebuilds every document (after bulk loads and imports).
"""

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, transaction
from django.db.models import Max, Min

from richtext.measures import plain_text

from .models import Article, Byline, TaggedArticle

SEARCH_CONFIG = "english"

# PostgreSQL refuses a tsvector over 1 MB: the document takes the body's first 300,000
# characters (about 45,000 words, far beyond any story), so every allowed body indexes.
# SQLite's index takes the same part, so both find the same words.
BODY_INDEX_LIMIT = 300_000


def document_sql(*, headline: str, standfirst: str, tag_names: str, author_names: str, body: str) -> str:
    """The SQL of an article's weighted document, from SQL expressions for its parts (tag and
    author names each one text, separated by spaces). HTML tags need no stripping:
    PostgreSQL's parser skips them. The demo seeder computes it as it loads rows."""
    parts = [
        (headline, "A"),
        (standfirst, "B"),
        (tag_names, "B"),
        (author_names, "B"),
        (f"left(coalesce({body}, ''), {BODY_INDEX_LIMIT})", "C"),
    ]
    return "\n || ".join(
        f"setweight(to_tsvector('{SEARCH_CONFIG}', coalesce({part}, '')), '{weight}')" for part, weight in parts
    )


# One statement for a set of articles: tag and author names are aggregated once for
# the set, not per row, in the order the article lists them, so a rebuild gives the
# same document.
_VECTOR_SQL = """
WITH chosen AS ({chosen}),
tag_names AS (
    SELECT ta.content_object_id AS id, string_agg(t.name, ' ' ORDER BY ta.id) AS names
    FROM articles_taggedarticle ta JOIN taggit_tag t ON t.id = ta.tag_id
    WHERE ta.content_object_id IN (SELECT id FROM chosen) GROUP BY 1
),
author_names AS (
    SELECT b.article_id AS id, string_agg(au.name, ' ' ORDER BY b.position, b.id) AS names
    FROM articles_byline b JOIN authors_author au ON au.id = b.author_id
    WHERE b.article_id IN (SELECT id FROM chosen) GROUP BY 1
)
UPDATE articles_article AS a SET search_vector = {document}
FROM chosen
LEFT JOIN tag_names ON tag_names.id = chosen.id
LEFT JOIN author_names ON author_names.id = chosen.id
WHERE a.id = chosen.id
""".replace(
    "{document}",
    document_sql(
        headline="a.headline",
        standfirst="a.standfirst",
        tag_names="tag_names.names",
        author_names="author_names.names",
        body="a.body",
    ),
)
_BY_IDS = _VECTOR_SQL.format(chosen="SELECT unnest(%s::bigint[]) AS id")
_BY_RANGE = _VECTOR_SQL.format(chosen="SELECT id FROM articles_article WHERE id BETWEEN %s AND %s")
REBUILD_CHUNK = 5_000

# SQLite: the table migration 0009 creates, and its columns in order (bm25() and
# snippet() name columns by position).
SQLITE_TABLE = "article_search"
SQLITE_COLUMNS = ("headline", "standfirst", "body", "tags", "authors")
# Articles read and written at a time: well under SQLite's limit on parameters.
SQLITE_CHUNK = 500
_SQLITE_DELETE = f"DELETE FROM {SQLITE_TABLE} WHERE rowid IN (SELECT value FROM json_each(%s))"
_SQLITE_INSERT = (
    f"INSERT INTO {SQLITE_TABLE} (rowid, {', '.join(SQLITE_COLUMNS)}) VALUES (%s{', %s' * len(SQLITE_COLUMNS)})"
)


def uses_tsvector() -> bool:
    """PostgreSQL keeps the documents in ``Article.search_vector``; SQLite in ``article_search``."""
    return connection.vendor == "postgresql"


def refresh_search_documents(article_ids: Iterable[int]) -> None:
    """Bring the search documents of these articles up to date with their rows, tags and
    bylines; an id whose article is gone loses its document."""
    article_ids = list(article_ids)
    if not article_ids:
        return
    if uses_tsvector():
        with connection.cursor() as cursor:
            cursor.execute(_BY_IDS, [article_ids])
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(article_ids):
            cursor.execute(_SQLITE_DELETE, [_json_list(chunk)])
            cursor.executemany(_SQLITE_INSERT, _sqlite_rows(chunk))


def clear_search_index() -> None:
    """Forget every document, for code that empties the article tables without deleting rows
    one by one (SQLite; PostgreSQL's documents go with the rows)."""
    if not uses_tsvector():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE}")


def rebuild_search_index(*, workers: int = 2, progress=None) -> int:
    """Rebuild every article's search document; returns how many were built.

    On PostgreSQL in id ranges over ``workers`` connections: building the documents is
    CPU work in PostgreSQL, so two connections on two cores take half the time of one.
    Call it outside a transaction there, so that each range commits on its own. On
    SQLite in one transaction, emptying the index first. ``progress(n)`` is told how
    many articles each finished batch held.
    """
    if not uses_tsvector():
        return _rebuild_sqlite(progress)
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


def _rebuild_sqlite(progress) -> int:
    def rebuild_chunks():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SQLITE_TABLE}")
            for chunk in _chunks(list(Article.objects.order_by("pk").values_list("pk", flat=True))):
                cursor.executemany(_SQLITE_INSERT, _sqlite_rows(chunk))
                yield len(chunk)

    with transaction.atomic():
        return _report(rebuild_chunks(), progress)


def _sqlite_rows(article_ids: Iterable[int]) -> list[tuple]:
    """The index's row of each article: its text as readers read it, tag and author names."""
    tag_names, author_names = defaultdict(list), defaultdict(list)
    for article_id, name in (
        TaggedArticle.objects.filter(content_object_id__in=article_ids)
        .order_by("pk")
        .values_list("content_object_id", "tag__name")
    ):
        tag_names[article_id].append(name)
    for article_id, name in (
        Byline.objects.filter(article_id__in=article_ids)
        .order_by("position", "pk")
        .values_list("article_id", "author__name")
    ):
        author_names[article_id].append(name)
    rows = Article.objects.filter(pk__in=article_ids).values_list("pk", "headline", "standfirst", "body")
    return [
        (
            pk,
            headline,
            standfirst or "",
            plain_text((body or "")[:BODY_INDEX_LIMIT]),
            " ".join(tag_names[pk]),
            " ".join(author_names[pk]),
        )
        for pk, headline, standfirst, body in rows
    ]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), SQLITE_CHUNK):
        yield ids[start : start + SQLITE_CHUNK]


def _json_list(ids: Iterable[int]) -> str:
    return "[" + ",".join(str(int(pk)) for pk in ids) + "]"


def _report(counts, progress) -> int:
    total = 0
    for count in counts:
        total += count
        if progress is not None:
            progress(count)
    return total
