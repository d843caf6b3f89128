"""Property-based fuzz over every public URL: whatever arrives, no 500 and no traceback.

Every route the public site has (pages, feeds, sitemaps, the read beacon) is filled
with hostile path segments and query strings — invalid UTF-8 and percent-encodings,
NUL and control characters, huge and non-ASCII digits — and sent with odd methods
and headers. The example count is modest in the suite; `make fuzz` runs many more
(HYPOTHESIS_PROFILE=fuzz; profiles in the root conftest.py).
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.models import Article
from articles.selectors.search import clean_query, matching, parse_query, search_articles

# Prefixes readers never reach: the editors' side has its own tests.
pytestmark = pytest.mark.fuzz

PRIVATE_PREFIXES = ("admin/",)
PARAMETER = re.compile(r"<(?:\w+:)?\w+>")


def public_routes(resolver=None, prefix: str = "") -> list[str]:
    routes = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(PRIVATE_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            routes.extend(public_routes(entry, route))
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


ROUTES = public_routes()

hostile_text = st.one_of(
    st.text(max_size=40),  # any Unicode, NUL and controls included
    st.sampled_from(["²", "①", "٣", "9" * 40, "-1", "0", "1e9", "%", "%%", "%zz", "..", "../../etc/passwd"]),
    st.binary(max_size=20).map(lambda raw: "".join(f"%{byte:02X}" for byte in raw)),  # invalid UTF-8
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
QUERY_KEYS = ["q", "page", "before", "after", "live", "format", "sort", "tag", "author", "section", "utm_source"]


def encoded(text: str) -> str:
    """As a client would put it in a URL: unsafe characters percent-encoded, '%' left to mean itself."""
    return "".join(char if char.isascii() and (char.isalnum() or char in "-._~%") else _quote(char) for char in text)


def _quote(char: str) -> str:
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


@st.composite
def requests(draw):
    route = draw(st.sampled_from(ROUTES))
    path = "/" + PARAMETER.sub(lambda _match: encoded(draw(hostile_text)) or "x", route)
    query = "&".join(
        f"{draw(st.sampled_from(QUERY_KEYS))}={encoded(draw(hostile_text))}"
        for _ in range(draw(st.integers(min_value=0, max_value=4)))
    )
    method = draw(st.sampled_from(["GET", "GET", "HEAD", "POST", "OPTIONS", "TRACE", "PUT", "DELETE", "PATCH"]))
    headers = draw(
        st.dictionaries(
            st.sampled_from(
                [
                    "HTTP_ACCEPT_LANGUAGE",
                    "HTTP_IF_MODIFIED_SINCE",
                    "HTTP_IF_NONE_MATCH",
                    "HTTP_RANGE",
                    "HTTP_COOKIE",
                    "HTTP_ORIGIN",
                    "HTTP_SEC_FETCH_SITE",
                    "HTTP_X_FORWARDED_FOR",
                    "HTTP_USER_AGENT",
                    "CONTENT_LENGTH",
                ]
            ),
            st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=60),
            max_size=3,
        )
    )
    return method, path + (f"?{query}" if query else ""), headers


@pytest.fixture
def published(newsroom):
    return newsroom.publish(2)


def test_the_fuzz_reaches_every_kind_of_public_page():
    """If routes were lost (a rename, a new include), the fuzz would quietly test less."""
    assert {"", "latest/", "search/", "feeds/rss/", "sitemap.xml", "api/read/<int:pk>/"} <= set(ROUTES)
    assert not [route for route in ROUTES if route.startswith("admin/")]


# A request costs milliseconds (an upload, far more): four times the profile's examples.
@settings(max_examples=settings.default.max_examples * 4)
@given(request=requests())
def test_no_public_url_answers_500_whatever_it_is_sent(published, request):
    method, url, headers = request
    client = Client(raise_request_exception=True)  # a 500 fails here, with its traceback
    if method != "GET" and method != "HEAD" and headers.get("CONTENT_LENGTH"):
        headers = {**headers, "CONTENT_LENGTH": headers["CONTENT_LENGTH"][:6]}
    response = client.generic(method, url, **headers)
    assert response.status_code < 500, (method, url, headers, response.status_code)
    if not response.streaming:
        assert b"Traceback" not in response.content


# Search: the words of both full-text syntaxes (FTS5's and PostgreSQL's websearch),
# quotes and dashes, glued together or spaced, and any Unicode.
SEARCH_PIECES = [
    '"',
    "-",
    "--",
    "NOT",
    "AND",
    "OR",
    "or",
    "NEAR",
    "NEAR(",
    "*",
    "^",
    ":",
    "(",
    ")",
    "{",
    "}",
    "+",
    "!",
    "&",
    "|",
    "<->",
    ":*",
    "'",
    "\\",
    "%",
    "_",
    "headline:",
    "{headline body}:",
    "drone",
    "Drone",
    "single market",
    "日本",
    "café",
    "🙂",
    "\u200b",
    "ǅ",
]
search_queries = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(SEARCH_PIECES), max_size=14).map(" ".join),
    st.lists(st.sampled_from(SEARCH_PIECES), max_size=14).map("".join),
)


@given(query=search_queries)
def test_no_search_query_fails_on_the_database_in_use(published, query):
    """The reader's words become FTS5 strings on SQLite and a websearch query on PostgreSQL:
    neither may ever see them as syntax it refuses."""
    cleaned = clean_query(query)[0]
    results = search_articles(cleaned)
    assert results.has_terms == bool(parse_query(cleaned))
    assert len(results.articles) <= results.count
    list(matching(Article.objects.all(), query))  # the admin's list, any status
    response = Client(raise_request_exception=True).get("/search/", {"q": query})
    assert response.status_code == 200, query
