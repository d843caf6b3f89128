"""Issue 9, findings 13 and 18: no query string makes a page fail; snippets are escaped once."""

import pytest
from django.urls import reverse

from articles.search_index import refresh_search_documents
from reader.templatetags.article_tags import highlight

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["²", "①", "٣", "99999999999999999999", "-1", "1.5", " "])
def test_odd_page_numbers_are_a_404_not_a_500(client, page):
    assert client.get(reverse("reader:search"), {"q": "budget", "page": page}).status_code == 404


@pytest.mark.parametrize("query", ["-" * 40, " - " * 40, "a-" * 40, "-a " * 40, '"' * 33, "OR " * 40, "!(&|:*" * 20])
def test_queries_full_of_operators_are_answered(client, newsroom, query):
    newsroom.publish(1, headline="Budget passes")
    assert client.get(reverse("reader:search"), {"q": query}).status_code == 200


def test_a_search_still_finds_words_with_dashes(client, newsroom):
    [article] = newsroom.publish(1, headline="A well-known mayor resigns")
    refresh_search_documents([article.pk])
    page = client.get(reverse("reader:search"), {"q": "well-known"}).content.decode()
    assert "A well-known mayor resigns" in page


def test_snippets_are_escaped_once(client, newsroom):
    """Snippets are plain text (the selector decodes what it cuts from HTML); the filter escapes them once."""
    assert highlight("Smith & Sons \x02said\x03 <b>") == "Smith &amp; Sons <mark>said</mark> &lt;b&gt;"
    [article] = newsroom.publish(1, headline="Contract", body="<p>Smith &amp; Sons said &lt;b&gt; so.</p>")
    refresh_search_documents([article.pk])
    page = client.get(reverse("reader:search"), {"q": "said"}).content.decode()
    assert "Smith &amp; Sons <mark>said</mark> &lt;b&gt; so." in page


def test_admin_lists_and_choosers_refuse_odd_numbers_calmly(superuser_client):
    changelist = reverse("admin:articles_article_changelist")
    for value in ("²", "99999999999999999999", "x"):
        assert superuser_client.get(changelist, {"author": value}).status_code == 200
        assert (
            superuser_client.get(reverse("admin:media_image_chooser"), {"page": value, "id": value}).status_code == 200
        )


@pytest.mark.parametrize("method", ["options", "trace", "post", "put", "delete", "patch"])
def test_public_pages_answer_405_to_methods_they_do_not_support(client, newsroom, method):
    """Issue 9, finding 19: OPTIONS and TRACE rendered full pages."""
    [article] = newsroom.publish(1)
    urls = [
        reverse("reader:home"),
        reverse("reader:latest"),
        reverse("reader:search"),
        article.get_absolute_url(),
        reverse("reader:section", args=[newsroom.section.slug]),
        reverse("feeds:rss"),
        reverse("feeds:rss-section", args=[newsroom.section.slug]),
        reverse("feeds:sitemap-index"),
        "/sitemaps/news.xml",
        "/robots.txt",
    ]
    for url in urls:
        response = client.generic(method.upper(), url)
        assert response.status_code == 405, (method, url)
        assert b"<html" not in response.content


def test_the_read_beacon_refuses_a_large_body_unread(client, newsroom):
    """Issue 9, finding 19 (in part): 29 MB anonymous POST bodies were parsed."""
    [article] = newsroom.publish(1)
    url = reverse("reader:read-beacon", args=[article.pk])
    assert client.post(url, data=b"x" * 50_000, content_type="application/octet-stream").status_code == 413
    assert client.post(url, HTTP_SEC_FETCH_SITE="same-origin").status_code == 204


@pytest.mark.parametrize("url", ["/admin/login/", "/search/", "/", "/api/read/1/", "/admin/articles/article/add/"])
def test_anonymous_clients_cannot_send_large_bodies(client, db, url):
    """Issue 9, finding 19: a 29 MB anonymous POST body was read and parsed."""
    response = client.post(url, data={"username": "x" * 100_000, "password": "y"})
    assert response.status_code == 413
    assert b"Traceback" not in response.content


def test_anonymous_clients_cannot_send_bodies_of_unknown_length(client, db):
    response = client.post("/admin/login/", data=b"a=b", content_type="text/plain", HTTP_TRANSFER_ENCODING="chunked")
    assert response.status_code == 413


def test_signed_in_staff_can_send_a_long_article(client, editor, newsroom):
    body = "<p>" + "A long sentence of the story. " * 10_000 + "</p>"  # about 300 kB
    response = client.post("/admin/articles/article/add/", data={"headline": "Long", "body": body})
    assert response.status_code == 200  # the form, with its errors for the fields left empty
    assert b"This field is required" in response.content


def test_a_sign_in_of_ordinary_size_still_works(client, db):
    response = client.post("/admin/login/", data={"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
