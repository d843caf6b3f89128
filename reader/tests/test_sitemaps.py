import datetime
from xml.etree import ElementTree

import pytest
import time_machine
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from articles.tests.factories import ArticleFactory, SectionFactory
from authors.tests.factories import AuthorFactory
from reader.sitemaps import ArticleSitemap

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_address")]

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NOW = datetime.datetime(2025, 3, 14, 12, 0, tzinfo=datetime.UTC)
SITEMAP_NAMES = ["articles", "sections", "tags", "authors", "pages"]


@pytest.fixture
def frozen_time():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def ago(**delta) -> datetime.datetime:
    return NOW - datetime.timedelta(**delta)


def fetch(client, url) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml", url
    return ElementTree.fromstring(response.content)


def entries(root: ElementTree.Element) -> dict[str, str | None]:
    """Each <url> or <sitemap> of a sitemap: its address and its lastmod."""
    return {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in root}


def sitemap_url(name: str) -> str:
    return reverse("feeds:sitemap", kwargs={"section": name})


def publish(count: int, *, section=None, author=None, tag=None, **fields) -> list[Article]:
    articles = []
    for _ in range(count):
        section = section or SectionFactory(slug="war", name="War")
        articles.append(
            ArticleFactory(section=section, authors=[author] if author else True, tags=[tag or "Economy"], **fields)
        )
    return articles


def test_the_index_lists_each_sitemap_at_the_public_address_with_lastmod(client, frozen_time):
    publish(2, published_at=ago(days=3))
    root = fetch(client, reverse("feeds:sitemap-index"))
    assert root.tag == f"{SITEMAP}sitemapindex"
    listed = entries(root)
    assert list(listed) == [f"https://news.example/sitemaps/{name}.xml" for name in SITEMAP_NAMES]
    # Articles were saved just now; the other pages changed when the newest article came out.
    assert listed["https://news.example/sitemaps/articles.xml"].startswith("2025-03-14T12:00:00")
    for name in ["sections", "tags", "authors"]:
        assert listed[f"https://news.example/sitemaps/{name}.xml"].startswith("2025-03-11T12:00:00"), name


def test_the_article_sitemap_is_paginated(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = publish(5)
    listed = list(entries(fetch(client, reverse("feeds:sitemap-index"))))
    assert listed[:3] == [
        "https://news.example/sitemaps/articles.xml",
        "https://news.example/sitemaps/articles.xml?p=2",
        "https://news.example/sitemaps/articles.xml?p=3",
    ]
    pages = [list(entries(fetch(client, f"{sitemap_url('articles')}?p={page}"))) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    all_listed = [url for page in pages for url in page]
    assert sorted(all_listed) == sorted(f"https://news.example{article.get_absolute_url()}" for article in articles)
    assert client.get(f"{sitemap_url('articles')}?p=4").status_code == 404


def test_only_published_articles_are_listed_with_their_last_change(client, frozen_time):
    (live,) = publish(1, published_at=ago(days=10))
    publish(1, status=Article.Status.DRAFT, published_at=None)
    publish(1, published_at=NOW + datetime.timedelta(hours=1))
    publish(1, status=Article.Status.UNPUBLISHED, published_at=ago(days=5))
    listed = entries(fetch(client, sitemap_url("articles")))
    assert listed == {f"https://news.example/war/{live.slug}/": "2025-03-14"}


def test_sections_tags_and_authors_are_listed_with_their_latest_article(client, frozen_time):
    war = SectionFactory(slug="war", name="War")
    SectionFactory(slug="sport", name="Sport")  # nothing published yet: listed, without a date
    jane = AuthorFactory(slug="jane")
    former = AuthorFactory(slug="former", is_active=False)
    AuthorFactory(slug="newcomer")  # active, nothing published yet
    AuthorFactory(slug="gone", is_active=False)  # inactive and nothing published: no page worth listing
    publish(1, section=war, author=jane, tag="Drones", published_at=ago(days=3))
    publish(1, section=war, author=former, tag="Drones", published_at=ago(days=1))
    publish(1, section=war, author=jane, tag="Secret plans", status=Article.Status.DRAFT, published_at=None)
    Tag.objects.create(name="Unused", slug="unused")

    assert entries(fetch(client, sitemap_url("sections"))) == {
        "https://news.example/war/": "2025-03-13",
        "https://news.example/sport/": None,
    }
    assert entries(fetch(client, sitemap_url("tags"))) == {"https://news.example/tags/drones/": "2025-03-13"}
    assert entries(fetch(client, sitemap_url("authors"))) == {
        "https://news.example/authors/jane/": "2025-03-11",
        "https://news.example/authors/former/": "2025-03-13",
        "https://news.example/authors/newcomer/": None,
    }


def test_an_unknown_sitemap_is_404(client):
    assert client.get(sitemap_url("nothing")).status_code == 404


def test_the_news_sitemap_holds_the_last_two_days_only(client, frozen_time):
    hour_old = ArticleFactory(headline="Ceasefire & talks", published_at=ago(hours=1))
    two_days_old = ArticleFactory(published_at=ago(hours=47))
    ArticleFactory(headline="Too old", published_at=ago(hours=49))
    ArticleFactory(headline="Scheduled", published_at=NOW + datetime.timedelta(minutes=5))
    ArticleFactory(headline="Draft", status=Article.Status.DRAFT, published_at=None)

    root = fetch(client, reverse("feeds:news-sitemap"))
    assert root.tag == f"{SITEMAP}urlset"
    urls = root.findall(f"{SITEMAP}url")
    assert [url.findtext(f"{SITEMAP}loc") for url in urls] == [
        f"https://news.example{hour_old.get_absolute_url()}",
        f"https://news.example{two_days_old.get_absolute_url()}",
    ]
    news = urls[0].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Example Times"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Ceasefire & talks"
    published = datetime.datetime.fromisoformat(news.findtext(f"{NEWS}publication_date"))
    assert published == ago(hours=1)


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_private_paths(client):
    response = client.get(reverse("feeds:robots"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ["/admin/", "/preview/", "/search/"]:
        assert f"Disallow: {path}" in lines
    assert "Sitemap: https://news.example/sitemap.xml" in lines
    assert "Sitemap: https://news.example/sitemaps/news.xml" in lines


def test_sitemaps_are_rendered_in_a_fixed_number_of_queries(client, frozen_time, query_budget):
    def add_articles(count: int):
        for number in range(count):
            section = SectionFactory(slug=f"section-{number % 7}")
            publish(1, section=section, author=AuthorFactory(), tag=f"Tag {number}", published_at=ago(hours=number))

    urls = [
        reverse("feeds:sitemap-index"),
        reverse("feeds:news-sitemap"),
        *[sitemap_url(name) for name in SITEMAP_NAMES],
    ]
    add_articles(5)
    counts = query_budget(client, urls, lambda: add_articles(45), fetch=fetch)
    # The index: a latest date and a COUNT per sitemap; a page: a COUNT and the page
    # itself; the first document after a change also asks when the next scheduled story
    # goes live (a new content version, reader.kept_documents).
    assert counts[reverse("feeds:sitemap-index")] == (2 * len(SITEMAP_NAMES) + 1,) * 2
    assert max(max(counts[url]) for url in urls[1:]) == 2  # the index, asked first, made the version
