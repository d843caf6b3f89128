"""Issue 10, defect 6: the search page on either database — the count, the hint, one
marked snippet per result, and no query that makes it fail."""

import re

import pytest
from django.urls import reverse

from articles.search_index import refresh_search_documents
from articles.selectors import search as search_selector
from articles.tests.factories import ArticleFactory, hours_ago

pytestmark = pytest.mark.django_db

BODY = (
    "<p>"
    + "The council met on Tuesday to discuss the budget for the coming year. " * 4
    + "</p><p>Leaving the single market would cost the port dearly, the harbour master said. "
    + "Trucks would wait for days at the border &amp; the fish would spoil.</p><p>"
    + "The debate went on for three hours before the chair called a short break. " * 3
    + "</p>"
)


def publish(headline: str, body: str = BODY, **fields):
    article = ArticleFactory(headline=headline, body=body, **{"standfirst": "A summary of the story.", **fields})
    refresh_search_documents([article.pk])
    return article


def search_page(client, query: str, **params) -> str:
    response = client.get(reverse("reader:search"), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def snippets(html: str) -> list[str]:
    return re.findall(r'<p class="snippet">(.*?)</p>', html, re.S)


def test_the_page_says_about_how_many_results_there_are(client):
    publish("Harbour fees go up")
    assert "About 1 result for “harbour”:" in search_page(client, "harbour")
    for n in range(24):
        publish(f"Port story {n}", published_at=hours_ago(n + 2))
    html = search_page(client, "harbour")
    assert "About 25 results for “harbour”:" in html
    assert html.count('class="search-result"') == 20
    assert "About 25 results for “harbour”, page 2:" in search_page(client, "harbour", page=2)


def test_past_the_ranked_candidates_the_page_says_more_than(client, monkeypatch):
    """Issue 11: a common word matches most of a million articles; counting them all took
    seconds, so the count stops at the results a reader can page through."""
    monkeypatch.setattr(search_selector, "SEARCH_CANDIDATES", 3)
    for n in range(5):
        publish(f"Port story {n}", published_at=hours_ago(n + 2))
    html = search_page(client, "harbour")
    assert "More than 3 results for “harbour”:" in html and "About 5 results" not in html
    assert html.count('class="search-result"') == 3


def test_the_hint_tells_of_quotes_and_exclusions(client):
    html = search_page(client, "")
    assert "Use quotes for an exact phrase, and -word to leave a word out." in html


def test_a_query_that_only_excludes_gets_a_notice_not_everything_else(client):
    publish("Harbour fees go up")
    html = search_page(client, "-harbour")
    assert "holds no word to look for" in html
    assert 'class="search-result"' not in html


def test_each_result_has_one_short_marked_snippet_escaped_once(client):
    publish("Port warning")
    [snippet] = snippets(search_page(client, '"single market" border'))
    text = re.sub(r"</?mark>", "", snippet)
    assert len(text) <= 250
    assert snippet.count("<mark>") >= 2 and "<mark>single market</mark>" in snippet.replace("</mark> <mark>", " ")
    assert "&amp;" in text and "&amp;amp;" not in text and "<p>" not in text
    assert text.startswith("… ")


def test_a_headline_match_is_listed_first_on_the_page(client):
    body_only = publish("Council news", published_at=hours_ago(1))
    in_headline = publish("Harbour master resigns", body="<p>He said nothing else.</p>", published_at=hours_ago(48))
    html = search_page(client, "harbour")
    assert html.index(in_headline.headline) < html.index(body_only.headline)


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "-",
        "NOT",
        "AND OR",
        "*",
        "^",
        "NEAR(a b)",
        "headline:harbour",
        "{headline}: harbour",
        "harbour NOT",
        "OR harbour OR",
        '-"',
        "()",
        "+harbour",
        "harbour*",
        '"harbour" AND "',
        "日本語 ニュース",
        "Ελλάδα",
        "café",
        "🙂 harbour",
        "\u200b\u200d",
        "ǅ ß İ",
        "a" * 200,
        "-harbour -port",
        "x -",
        "'; DROP TABLE article_search; --",
    ],
)
def test_no_query_makes_the_search_fail(client, query):
    publish("Harbour fees go up")
    search_page(client, query)


def test_the_search_page_runs_the_same_few_queries_however_many_results(client, query_budget):
    def grow(count: int) -> None:
        for n in range(count):
            article = publish(f"Harbour story {n}", published_at=hours_ago(n + 1))
            article.tags.add("Ports")

    grow(3)
    query_budget(client, ["/search/?q=harbour", "/search/?q=%22single+market%22"], lambda: grow(30), at_most=6)
