"""Bodies and bios are cleaned when saved, so nothing dangerous reaches a page."""

import pytest

from articles.tests.factories import ArticleFactory
from authors.tests.factories import AuthorFactory

pytestmark = pytest.mark.django_db

ATTACK = (
    '<p>Fine text<script>alert(1)</script></p><img src=x onerror="alert(2)">'
    '<a href="javascript:alert(3)">click</a><iframe src="https://evil.example"></iframe>'
    '<p style="background:url(javascript:alert(4))">styled</p>'
)


def test_article_body_is_sanitised_on_save_and_on_the_page(client):
    article = ArticleFactory(body=ATTACK)
    article.refresh_from_db()
    stored = article.body.lower()
    for marker in ("<script", "onerror", "javascript:", "<iframe", "style="):
        assert marker not in stored
    assert "Fine text" in article.body and "styled" in article.body
    page = client.get(article.get_absolute_url()).content.decode().lower()
    assert "alert(" not in page


def test_author_full_bio_is_sanitised_on_save():
    author = AuthorFactory(full_bio='<p onclick="steal()">Reporter since 2014.</p><script>x()</script>')
    author.refresh_from_db()
    assert author.full_bio == "<p>Reporter since 2014.</p>"


def test_external_links_get_noopener_and_internal_ones_do_not():
    article = ArticleFactory(body='<p><a href="https://example.org/x">out</a> <a href="/war/story/">in</a></p>')
    assert '<a href="https://example.org/x" rel="noopener">out</a>' in article.body
    assert '<a href="/war/story/">in</a>' in article.body


@pytest.mark.django_db
def test_an_embed_is_a_click_to_load_box_that_fetches_nothing_from_the_provider(client):
    from articles.tests.factories import ArticleFactory

    url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    article = ArticleFactory(
        body=f'<p>Watch:</p><figure class="media"><oembed url="{url}"></oembed></figure><p>More.</p>'
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in page
    assert "Load from YouTube" in page and f'href="{url}"' in page
    assert "<iframe" not in page and "<oembed" not in page
