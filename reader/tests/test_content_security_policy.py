"""Issue 9, finding 12: no Content-Security-Policy on any page."""

import pytest
from django.urls import reverse

from media.tests.factories import ImageFactory


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def pages(newsroom):
    [article] = newsroom.publish(1)
    return ["/", "/latest/", "/war/", "/search/?q=drone", article.get_absolute_url(), "/feeds/latest/", "/nowhere/"]


def test_every_public_page_has_a_strict_policy(client, pages):
    for url in pages:
        response = client.get(url)
        policy = policy_of(response)
        assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"], url
        assert "'unsafe-eval'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'self'"]


def test_images_come_only_from_the_site_and_frames_only_from_the_embed_players(client, pages):
    policy = policy_of(client.get(pages[0]))
    assert policy["img-src"] == ["'self'", "data:", "blob:"]  # no tracking pixels from elsewhere
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "*" not in policy["frame-src"] and "https:" not in policy["frame-src"]
    assert policy["connect-src"] == ["'self'"]


def test_the_admin_has_the_policy_too(client, editor):
    for url in ["/admin/", reverse("admin:articles_article_add"), reverse("admin:login")]:
        assert "script-src 'self'" in client.get(url)["Content-Security-Policy"], url


@pytest.mark.urls("reader.tests.urls_serving_uploads")
def test_uploads_keep_their_own_stricter_policy(client, settings, db):
    settings.DEBUG = True  # static() serves uploads only in development; the web server does in production
    image = ImageFactory()
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in response["Content-Security-Policy"]
