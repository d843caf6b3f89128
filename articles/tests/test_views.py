import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from authors.tests.factories import AuthorFactory
from media.tests.factories import ImageFactory

from .factories import ArticleFactory, BylineFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom():
    section = SectionFactory(slug="war", name="War")
    author = AuthorFactory(name="Jane Example", slug="jane-example")
    tag = Tag.objects.create(name="Drone production", slug="drone-production")

    def publish(count: int):
        for _ in range(count):
            article = ArticleFactory(section=section, lead_image=ImageFactory(), is_editors_pick=True)
            BylineFactory(article=article, author=author)
            BylineFactory(article=article, position=1)
            article.tags.add(tag)

    return publish


def page_urls():
    return [
        reverse("articles:home"),
        reverse("articles:latest"),
        reverse("articles:section", kwargs={"slug": "war"}),
        reverse("articles:tag", kwargs={"slug": "drone-production"}),
        reverse("articles:author", kwargs={"slug": "jane-example"}),
    ]


def test_reader_pages_show_published_articles(client, newsroom):
    newsroom(2)
    article = ArticleFactory(
        headline="Not ready yet", section=SectionFactory(slug="war"), published_at=None, status="draft"
    )
    for url in page_urls():
        html = client.get(url).content.decode()
        assert "Headline number" in html, url
        assert article.headline not in html, url


def test_reader_page_query_counts_do_not_grow_with_items(client, newsroom):
    newsroom(5)
    for url in page_urls():  # warm the caches (Most Popular ids, sidebars)
        client.get(url)
    before = {}
    for url in page_urls():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        before[url] = len(queries)
    newsroom(45)
    for url in page_urls():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries) == before[url], url
        assert len(queries) <= 10, url


def test_article_page_shows_the_reference_elements(client, newsroom):
    newsroom(1)
    from articles.models import Article

    article = Article.objects.get()
    article.lead_image_caption = "The ambassador speaks at a rally."
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<h1 class="headline">{article.headline}</h1>' in html
    assert "1 min read" in html
    assert "The ambassador speaks at a rally." in html
    assert "(Jane Photographer/Agency Images)" in html
    assert 'href="/tags/drone-production/"' in html
    assert 'href="/authors/jane-example/"' in html
    assert "Read more" in html


@pytest.mark.parametrize("url", ["/no-such-section/", "/tags/nope/", "/authors/nobody/", "/war/no-such-article/"])
def test_unknown_pages_are_404(client, newsroom, url):
    newsroom(1)
    assert client.get(url).status_code == 404
