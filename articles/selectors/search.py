"""Search over headline, standfirst, body, tags and author names, alike on both databases.

The reader's query is read once (``parse_query``) in PostgreSQL's "websearch" grammar:
words and "quoted phrases" must all be found, a -word or -"phrase" must not be, and
"or" separates whole alternatives. It is then written for the database at hand, every
word and phrase quoted, so nothing a reader types is taken as syntax:

- PostgreSQL: ``websearch_to_tsquery`` against each article's tsvector
  (``articles.search_index``), ranked by ``ts_rank``; snippets by ``ts_headline``.
- SQLite: an FTS5 query against ``article_search``, ranked by ``bm25`` with the
  headline weighted most; snippets by FTS5's ``snippet()``.

On both, the results are ranked among the newest ``SEARCH_CANDIDATES`` matches (as
many as the reader can page through): articles whose headline holds the whole query
first, then the best ranked, ties newest first. Ranking every match of a common word
would read a million documents; the newest thousand are found through the index, in
milliseconds. The count is exact up to that many, else "more than" it. Each result
gets one snippet of about thirty words around its best match, from the standfirst or
the body, the matched words between ``HIGHLIGHT_START`` and ``HIGHLIGHT_STOP``;
snippets are computed for the shown results only.
"""

import html
import json
import math
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection, transaction
from django.db.models import Func, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left

from ..models import Article
from ..search_index import BODY_INDEX_LIMIT, SEARCH_CONFIG, SQLITE_COLUMNS, SQLITE_TABLE, uses_tsvector

MAX_QUERY_LENGTH = 200
# Markers put around matched words, replaced by <mark> after escaping (the ``highlight``
# filter), and where FTS5 cut a snippet out of a longer text.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
_CUT = "\x04"
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DASHES = re.compile(r"-{2,}")
_LOOSE_DASH = re.compile(r'-(?![\w"])')
MAX_WORDS = 16
# Results are ranked among this many of the newest matches, and counted up to it: the
# reader site pages through at most this many (reader.views: 50 pages of 20).
SEARCH_CANDIDATES = 1000

# A snippet: about two lines of the results column.
SNIPPET_WORDS = 30
SNIPPET_MAX_CHARS = 240
# Starting a snippet at its sentence's start is worth it while this many words remain.
_SENTENCE_MIN_WORDS = 12
# bm25 weights of the FTS5 columns, in SQLITE_COLUMNS order.
BM25_WEIGHTS = {"headline": 10.0, "standfirst": 4.0, "body": 1.0, "tags": 2.0, "authors": 2.0}

__all__ = [
    "HIGHLIGHT_START",
    "HIGHLIGHT_STOP",
    "SEARCH_CANDIDATES",
    "ParsedQuery",
    "SearchResults",
    "clean_query",
    "matching",
    "parse_query",
    "search_articles",
]


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


# The query ----------------------------------------------------------------------------

# An optional dash, then a quoted phrase (its closing quote optional) or a word.
_TERM = re.compile(r'(-?)(?:"([^"]*)"?|([^\s"]+))')


@dataclass(frozen=True)
class Clause:
    """One alternative: every phrase found, none of the excluded ones."""

    phrases: tuple[str, ...]
    excluded: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedQuery:
    """What to look for: any one of the clauses ("or"); a word is a phrase of one."""

    clauses: tuple[Clause, ...]

    def __bool__(self) -> bool:
        return bool(self.clauses)

    def as_websearch(self) -> str:
        """For PostgreSQL's ``websearch_to_tsquery``, every phrase quoted."""
        return " or ".join(
            " ".join([f'"{phrase}"' for phrase in clause.phrases] + [f'-"{phrase}"' for phrase in clause.excluded])
            for clause in self.clauses
        )

    def as_fts5(self) -> str:
        """For SQLite's FTS5 MATCH: quoted strings joined by AND, NOT and OR, in parentheses."""
        return " OR ".join(f"({_fts5_clause(clause)})" for clause in self.clauses)

    def in_headline_fts5(self) -> str:
        """FTS5: the headline alone holds every phrase of a clause."""
        alternatives = " OR ".join(f"({' AND '.join(map(_fts5_string, c.phrases))})" for c in self.clauses)
        return f"headline : ({alternatives})"


def _fts5_clause(clause: Clause) -> str:
    found = " AND ".join(map(_fts5_string, clause.phrases))
    if not clause.excluded:
        return f"({found})"
    return f"({found}) NOT ({' OR '.join(map(_fts5_string, clause.excluded))})"


def _fts5_string(text: str) -> str:
    """An FTS5 string: the tokenizer reads its words as one phrase; no operator inside counts."""
    return '"' + text.replace('"', '""') + '"'


def _has_words(text: str) -> bool:
    # The tokenizers index letters and digits only: a phrase of punctuation finds nothing.
    return any(char.isalnum() for char in text)


def parse_query(query: str) -> ParsedQuery:
    """Read a cleaned query as PostgreSQL's websearch does: words and "phrases" ANDed, -exclusions,
    "or" between alternatives. Phrases without a letter or digit are dropped, and so is an
    alternative that only excludes: "-word" alone finds nothing rather than everything else."""
    clauses, phrases, excluded = [], [], []

    def close():
        if phrases:
            clauses.append(Clause(tuple(phrases), tuple(excluded)))
        phrases.clear()
        excluded.clear()

    for match in _TERM.finditer(query or ""):
        negated, quoted, word = match.groups()
        if word is not None and word.lower() == "or" and not negated:
            close()
            continue
        text = " ".join((quoted if quoted is not None else word).split())
        if _has_words(text):
            (excluded if negated else phrases).append(text)
    close()
    return ParsedQuery(tuple(clauses))


# Matching and ranking ---------------------------------------------------------------------


def _tsquery(parsed: ParsedQuery) -> SearchQuery:
    return SearchQuery(parsed.as_websearch(), search_type="websearch", config=SEARCH_CONFIG)


def _fts5_ids(fts5_query: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s", [fts5_query])


def _postgres_matching(articles: QuerySet, parsed: ParsedQuery) -> QuerySet:
    query = _tsquery(parsed)
    # When every word looked for is a stop word ("the -budget"), what is left only excludes
    # and would match nearly everything: querytree() calls such a query "T".
    indexable = Func(query, function="querytree", output_field=TextField())
    return articles.filter(search_vector=query).alias(indexable_part=indexable).exclude(indexable_part="T")


def matching(articles: QuerySet, query: str) -> QuerySet:
    """Those of ``articles`` whose headline, standfirst, body, tags or authors' names match
    ``query``, through the full-text documents of either database. Any status: the reader
    site narrows it to published articles, the admin's list does not."""
    parsed = parse_query(clean_query(query)[0])
    if not parsed:
        return articles.none()
    if uses_tsvector():
        return _postgres_matching(articles, parsed)
    return articles.filter(pk__in=_fts5_ids(parsed.as_fts5()))


# How PostgreSQL finds the newest matches (measured at a million articles, docs/performance.md):
# walking the newest articles and reading each one's document costs about 6 µs an
# article, so it suits a word in many of them; for a rarer word the GIN index finds the
# matches among the newest articles quicker. A phrase's matches must be read to check
# the words' positions either way, so only a rare phrase goes through the index.
INDEX_BELOW_SHARE = 0.10
PHRASE_INDEX_BELOW_SHARE = 0.01
# The window of newest articles searched through the index holds about this many times
# the articles expected to hold SEARCH_CANDIDATES matches.
WINDOW_MARGIN = 4
STATISTICS_SECONDS = 300
_statistics: dict[str, tuple[float, float, list]] = {}


def _archive_statistics() -> tuple[float, list]:
    """PostgreSQL's idea of how many articles there are and of their publication times
    (a histogram: 101 times, each a hundredth of the articles apart), kept for minutes."""
    key = connection.alias
    now = time.monotonic()
    if key not in _statistics or _statistics[key][0] < now:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.reltuples, s.histogram_bounds::text::timestamptz[]
                FROM pg_class c
                LEFT JOIN pg_stats s
                  ON s.schemaname = current_schema() AND s.tablename = c.relname AND s.attname = 'published_at'
                WHERE c.oid = %s::regclass
                """,
                [Article._meta.db_table],
            )
            rows, bounds = cursor.fetchone()
        _statistics[key] = (now + STATISTICS_SECONDS, float(rows), bounds or [])
    return _statistics[key][1:]


def _estimated_rows(queryset: QuerySet) -> float:
    sql, params = queryset.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    return float((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])


def _window_start(share: float) -> datetime | None:
    """A publication time after which about ``WINDOW_MARGIN`` times the articles expected
    to hold the candidates were published; None when that is the whole archive."""
    rows, bounds = _archive_statistics()
    wanted = WINDOW_MARGIN * (SEARCH_CANDIDATES + 1) / share if share else float("inf")
    if len(bounds) < 2 or wanted >= rows:
        return None
    buckets = len(bounds) - 1
    return bounds[max(0, math.floor((1 - wanted / rows) * buckets))]


def _postgres_ranked(parsed: ParsedQuery, start: int, size: int) -> tuple[list[int], int]:
    """The ids of one page of results and how many candidates there were (at most
    ``SEARCH_CANDIDATES + 1``, which means "more than").

    The candidates are the newest matches. For words in many articles PostgreSQL walks
    the newest articles, checking each one's document; for rarer ones the GIN index
    finds the matches among the newest articles in a window just wide enough for them
    (the whole archive when needed). PostgreSQL's planner would walk for those too: it
    does not count the cost of reading a document. Only the candidates are ranked, so
    ``ts_rank`` reads at most a thousand documents.
    """
    matches = _postgres_matching(Article.objects.published(), parsed)
    rows, _bounds = _archive_statistics()
    share = _estimated_rows(matches) / max(rows, 1.0)
    has_phrase = any(" " in phrase for clause in parsed.clauses for phrase in clause.phrases)
    if share >= (PHRASE_INDEX_BELOW_SHARE if has_phrase else INDEX_BELOW_SHARE):
        return _postgres_rank(matches, parsed, start, size)
    window_start = _window_start(share)
    with _bitmap_scans_only():
        if window_start is not None:
            ranked = _postgres_rank(matches.filter(published_at__gte=window_start), parsed, start, size)
            if ranked[1] > SEARCH_CANDIDATES:  # the window holds them all: the newest are the window's newest
                return ranked
        return _postgres_rank(matches, parsed, start, size)


def _postgres_rank(matches: QuerySet, parsed: ParsedQuery, start: int, size: int) -> tuple[list[int], int]:
    newest = matches.order_by("-published_at", "-pk").values("id", "published_at", "search_vector")
    newest_sql, newest_params = newest[: SEARCH_CANDIDATES + 1].query.sql_with_params()
    sql = f"""
        WITH candidates AS MATERIALIZED ({newest_sql}),
        query AS (SELECT websearch_to_tsquery(%s::regconfig, %s) AS query)
        SELECT id, (SELECT count(*) FROM candidates)
        FROM (SELECT * FROM candidates ORDER BY published_at DESC, id DESC LIMIT %s) AS ranked, query
        ORDER BY ts_filter(search_vector, '{{a}}') @@ query DESC, ts_rank(search_vector, query) DESC,
            published_at DESC, id DESC
        LIMIT %s OFFSET %s
    """
    params = [*newest_params, SEARCH_CONFIG, parsed.as_websearch(), SEARCH_CANDIDATES, size, start]
    return _ranked(sql, params)


# Memory for an exact bitmap of a tenth of a million articles' matches.
INDEX_SEARCH_WORK_MEM = "16MB"


class _Undo(Exception):
    pass


@contextmanager
def _bitmap_scans_only():
    """Plans with bitmap scans only (the GIN index's and the publication time's, combined),
    with memory enough for exact bitmaps, for the statements run inside. The settings
    live in a savepoint rolled back at the end, whatever transaction the caller is in."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT set_config('enable_indexscan', 'off', true), set_config('work_mem', %s, true)",
                [INDEX_SEARCH_WORK_MEM],
            )
            yield
            raise _Undo
    except _Undo:
        pass


def _sqlite_ranked(parsed: ParsedQuery, start: int, size: int) -> tuple[list[int], int]:
    published, published_params = Article.objects.published().order_by().values("pk").query.sql_with_params()
    weights = ", ".join(str(BM25_WEIGHTS[column]) for column in SQLITE_COLUMNS)
    table = SQLITE_TABLE
    # The FTS5 table drives the join (CROSS JOIN keeps it outside), so bm25() is computed
    # once per match in one pass, in the materialised candidates, where FTS5 can compute it.
    sql = f"""
        WITH candidates AS MATERIALIZED (
            SELECT {table}.rowid AS id,
                {table}.rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH %s) AS in_headline,
                bm25({table}, {weights}) AS score,
                articles_article.published_at AS published_at
            FROM {table} CROSS JOIN articles_article ON articles_article.id = {table}.rowid
            WHERE {table} MATCH %s AND articles_article.id IN ({published})
            ORDER BY published_at DESC, id DESC
            LIMIT %s
        )
        SELECT id, (SELECT count(*) FROM candidates)
        FROM (SELECT * FROM candidates ORDER BY published_at DESC, id DESC LIMIT %s)
        ORDER BY in_headline DESC, score, published_at DESC, id DESC
        LIMIT %s OFFSET %s
    """
    params = [
        parsed.in_headline_fts5(),
        parsed.as_fts5(),
        *published_params,
        SEARCH_CANDIDATES + 1,
        SEARCH_CANDIDATES,
        size,
        start,
    ]
    return _ranked(sql, params)


def _ranked(sql: str, params: list) -> tuple[list[int], int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [pk for pk, _candidates in rows], rows[0][1] if rows else 0


# Snippets -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Fragment:
    text: str  # with the highlight markers
    starts_text: bool
    ends_text: bool

    @property
    def matched(self) -> int:
        """How many different words or phrases it marks."""
        return len({found.casefold() for found in _MARKED.findall(self.text)})


_MARKED = re.compile(f"{HIGHLIGHT_START}(.*?){HIGHLIGHT_STOP}", re.S)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=\S)")


def _sqlite_snippets(parsed: ParsedQuery) -> dict[str, RawSQL]:
    fts5_query = parsed.as_fts5()

    def snippet(column: str) -> RawSQL:
        return RawSQL(
            f"(SELECT snippet({SQLITE_TABLE}, %s, %s, %s, %s, %s) FROM {SQLITE_TABLE} "
            f"WHERE {SQLITE_TABLE} MATCH %s AND {SQLITE_TABLE}.rowid = articles_article.id)",
            [SQLITE_COLUMNS.index(column), HIGHLIGHT_START, HIGHLIGHT_STOP, _CUT, SNIPPET_WORDS, fts5_query],
            output_field=TextField(),
        )

    return {"standfirst_snippet": snippet("standfirst"), "body_snippet": snippet("body")}


def _sqlite_fragments(article: Article) -> list[_Fragment]:
    return [
        _Fragment(text.strip(_CUT), starts_text=not text.startswith(_CUT), ends_text=not text.endswith(_CUT))
        for text in (article.standfirst_snippet or "", article.body_snippet or "")
    ]


def _postgres_snippets(parsed: ParsedQuery) -> dict:
    query = _tsquery(parsed)
    plain_body = Func(
        Left("body", BODY_INDEX_LIMIT), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace"
    )
    options = {
        "config": SEARCH_CONFIG,
        "start_sel": HIGHLIGHT_START,
        "stop_sel": HIGHLIGHT_STOP,
        "max_words": SNIPPET_WORDS,
        "min_words": SNIPPET_WORDS // 2,
        "short_word": 0,  # keep "The" and "A" at a sentence's start
        "max_fragments": 1,
    }
    return {
        "standfirst_snippet": SearchHeadline("standfirst", query, **options),
        "body_snippet": SearchHeadline(plain_body, query, **options),
    }


def _postgres_fragments(article: Article) -> list[_Fragment]:
    def fragment(text: str, whole_start: str, whole_end: str) -> _Fragment:
        # ts_headline's fragment runs from a word to a word: compare without the
        # punctuation around it, and give it back the whole text's where it reaches an end.
        plain = _words(_MARKED.sub(r"\1", text))
        core, start, end = _inner(plain), _words(whole_start), _words(whole_end)
        starts_text, ends_text = _inner(start).startswith(core[:80]), _inner(end).endswith(core[-80:])
        text = text.strip()
        if starts_text and not plain.startswith(lead := _EDGE_START.match(start).group()):
            text = lead + text
        if ends_text and not plain.endswith(trail := _EDGE_END.search(end).group()):
            text += trail
        return _Fragment(text, starts_text=starts_text, ends_text=ends_text)

    # The body's snippet is cut from its HTML with the tags taken out: decode its entities.
    body = html.unescape(article.body_snippet or "")
    plain_body = _TAG.sub(" ", (article.body or "")[:BODY_INDEX_LIMIT])
    return [
        fragment(article.standfirst_snippet or "", article.standfirst, article.standfirst),
        fragment(body, html.unescape(plain_body[:_EDGE_CHARS]), html.unescape(plain_body[-_EDGE_CHARS:])),
    ]


# What tells whether a fragment starts or ends the body: its first and last characters.
_EDGE_CHARS = 400
# The SQL's regexp_replace(body, '<[^>]+>', ' ', 'g'), which the snippet was cut from.
_TAG = re.compile(r"<[^>]+>")
_EDGE_START = re.compile(r"[\W_]*")
_EDGE_END = re.compile(r"[\W_]*$")


def _inner(text: str) -> str:
    """``text`` without the punctuation and spaces at its ends."""
    return text[_EDGE_START.match(text).end() : _EDGE_END.search(text).start()]


def _words(text: str) -> str:
    return " ".join(text.split())


def _snippet(fragments: list[_Fragment]) -> str:
    """The fragment that marks the most words (the standfirst on a tie); when none marks
    any (the match was in the headline, tags or names), the standfirst, else the body's start."""
    fragments = [fragment for fragment in fragments if fragment.text.strip()]
    if not fragments:
        return ""
    best = max(fragments, key=lambda fragment: fragment.matched)  # max() keeps the first of equals
    return _tidy(best)


def _tidy(fragment: _Fragment) -> str:
    """One line of about two lines' length, from a sentence's start where that keeps enough
    words, with "…" where it was cut out of a longer text."""
    text, starts_text, ends_text = _words(fragment.text), fragment.starts_text, fragment.ends_text
    if not starts_text:
        first_mark = text.find(HIGHLIGHT_START)
        ends = [end.end() for end in _SENTENCE_END.finditer(text, 0, first_mark if first_mark >= 0 else len(text))]
        if ends and len(text[ends[-1] :].split()) >= _SENTENCE_MIN_WORDS:
            text = text[ends[-1] :]
    visible = text.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, "")
    if len(visible) > SNIPPET_MAX_CHARS:
        text, ends_text = _shorten(text), False
    return ("" if starts_text else "… ") + text + ("" if ends_text else " …")


def _shorten(text: str) -> str:
    """At most SNIPPET_MAX_CHARS visible characters, cut between words, every mark closed."""
    kept, visible, is_open = [], 0, False
    for word in text.split(" "):
        length = len(word.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, ""))
        if kept and visible + 1 + length > SNIPPET_MAX_CHARS:
            break
        kept.append(word)
        visible += length + (1 if len(kept) > 1 else 0)
        for char in word:
            if char in (HIGHLIGHT_START, HIGHLIGHT_STOP):
                is_open = char == HIGHLIGHT_START
    shortened = " ".join(kept).rstrip(",;:–—-")
    return shortened + (HIGHLIGHT_STOP if is_open else "")


# The search ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResults:
    """One page of results, best first, each article with a ``snippet``."""

    articles: list[Article]
    count: int  # the published articles that match, up to SEARCH_CANDIDATES
    has_next: bool
    has_terms: bool  # False when the query holds nothing to look for (only -exclusions, punctuation)
    is_count_capped: bool = False  # more than ``count`` match: the page says "more than"


def search_articles(query: str, *, start: int = 0, size: int = 20) -> SearchResults:
    """The published articles matching ``query``, ``size`` of them from the ``start``-th
    best among the newest ``SEARCH_CANDIDATES`` matches, with how many match up to that:
    two queries, and those ``for_listing`` adds."""
    parsed = parse_query(clean_query(query)[0])
    if not parsed:
        return SearchResults([], 0, has_next=False, has_terms=False)
    postgres = uses_tsvector()
    ranked, candidates = (_postgres_ranked if postgres else _sqlite_ranked)(parsed, start, size + 1)
    ids = ranked[:size]
    snippets = _postgres_snippets(parsed) if postgres else _sqlite_snippets(parsed)
    # PostgreSQL's snippets need the body's start and end, which Python cuts (the same
    # regular expression as the SQL's) cheaper than PostgreSQL strips the tags twice more.
    deferred = ("search_vector",) if postgres else ("body", "search_vector")
    # defer(None) first: for_listing() leaves the body out, which PostgreSQL's snippets need.
    page = Article.objects.filter(pk__in=ids).for_listing().defer(None).defer(*deferred).annotate(**snippets)
    by_id = {article.pk: article for article in page}
    articles = [by_id[pk] for pk in ids if pk in by_id]
    for article in articles:
        article.snippet = _snippet(_postgres_fragments(article) if postgres else _sqlite_fragments(article))
    return SearchResults(
        articles,
        min(candidates, SEARCH_CANDIDATES),
        has_next=len(ranked) > size,
        has_terms=True,
        is_count_capped=candidates > SEARCH_CANDIDATES,
    )
