import pytest
from django.urls import reverse

from articles.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def page_urls():
    return [
        reverse("reader:home"),
        reverse("reader:latest"),
        reverse("reader:section", kwargs={"slug": "war"}),
        reverse("reader:tag", kwargs={"slug": "drone-production"}),
        reverse("reader:author", kwargs={"slug": "jane-example"}),
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


def test_reader_page_query_counts_do_not_grow_with_items(client, newsroom, query_budget):
    newsroom(5, is_editors_pick=True)
    query_budget(client, page_urls(), lambda: newsroom(45, is_editors_pick=True), at_most=10, warm=True)


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
