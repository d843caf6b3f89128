"""Issue 10, defect 13 (in part): HTML was never compressed (the front page 55.8 KB,
about 6.9 KB gzipped). Readers' pages, feeds and sitemaps are gzipped; ETags still
answer 304; the admin is not compressed (BREACH)."""

import gzip

import pytest
from django.urls import reverse

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def public_urls(newsroom):
    [article] = newsroom.publish(3)[:1]
    return [
        "/",
        article.get_absolute_url(),
        newsroom.section.get_absolute_url(),
        reverse("reader:latest"),
        reverse("feeds:rss"),
        reverse("feeds:atom"),
        reverse("feeds:sitemap-index"),
        reverse("feeds:sitemap", kwargs={"section": "articles"}),
    ]


def vary_of(response) -> set[str]:
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}


def test_pages_feeds_and_sitemaps_are_gzipped_for_clients_that_accept_it(client, public_urls):
    for url in public_urls:
        plain = client.get(url)
        compressed = client.get(url, **GZIP)
        assert compressed.status_code == 200, url
        assert compressed["Content-Encoding"] == "gzip", url
        assert "accept-encoding" in vary_of(compressed), url
        assert gzip.decompress(compressed.content) == plain.content, url
        assert len(compressed.content) < len(plain.content), url
        assert int(compressed["Content-Length"]) == len(compressed.content), url


def test_without_accept_encoding_nothing_is_compressed(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert not response.has_header("Content-Encoding"), url
        assert "accept-encoding" in vary_of(response), url  # a cache keeps the two apart


def test_the_etag_of_a_gzipped_answer_still_gets_a_304(client, public_urls):
    for url in public_urls:
        first = client.get(url, **GZIP)
        etag = first["ETag"]
        assert etag.startswith('W/"'), url  # weak: the bytes differ from the uncompressed answer's
        again = client.get(url, HTTP_IF_NONE_MATCH=etag, **GZIP)
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == etag and "accept-encoding" in vary_of(again), url
        # One representation's tag matches the other's: the page did not change.
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304, url
        assert client.get(url, HTTP_IF_NONE_MATCH=client.get(url)["ETag"], **GZIP).status_code == 304, url


def test_a_changed_page_gets_a_new_etag(client, newsroom, public_urls, django_capture_on_commit_callbacks):
    etag = client.get("/", **GZIP)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):  # kept blocks follow committed changes
        newsroom.publish(1, headline="Fresh news from the front")
    response = client.get("/", HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert response.status_code == 200 and response["ETag"] != etag


def test_the_admin_is_never_compressed(superuser_client):
    """Its pages carry CSRF tokens and what staff type: BREACH could read them."""
    for url in [reverse("admin:index"), reverse("admin:articles_article_changelist"), reverse("admin:login")]:
        response = superuser_client.get(url, **GZIP)
        assert response.status_code in {200, 302}, url
        assert not response.has_header("Content-Encoding"), url


def test_a_response_that_reads_the_session_or_a_csrf_token_is_not_compressed(client, db):
    response = client.get(reverse("admin:login"), **GZIP)
    assert response.status_code == 200 and "cookie" in vary_of(response)
    assert not response.has_header("Content-Encoding")
