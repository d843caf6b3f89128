"""The demo's standing pages: seeded with the demo, in footer order, never overwritten."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from demo import photos
from demo.pages import create_pages, demo_pages, one_line_per_block
from pages.models import Page
from richtext.fields import stored_rich_text

pytestmark = pytest.mark.django_db

SLUGS = ["about", "contact", "corrections", "privacy", "accessibility"]


def test_seeding_the_demo_adds_the_five_pages_to_the_footer(settings, monkeypatch, client):
    settings.DEBUG = True
    monkeypatch.setattr(photos, "PHOTO_SIZES", ((160, 90), (120, 80)))
    monkeypatch.setattr(photos, "AVATAR_SIZE", 48)
    call_command("seed_demo", articles=3, stdout=io.StringIO(), stderr=io.StringIO())
    assert list(Page.objects.in_footer().values_list("slug", flat=True)) == SLUGS
    footer = client.get("/").content.decode().split('<footer class="site-footer">')[1]
    assert [f"/info/{slug}/" for slug in SLUGS] == re.findall(r'href="(/info/[^"]+)"', footer)


def test_the_pages_survive_the_sanitiser_whole():
    """Links, mail addresses and lists are all allowed markup: nothing is lost on save."""
    for fields in demo_pages("The Example Times"):
        body = one_line_per_block(fields["body"])
        assert stored_rich_text(body) == body, fields["slug"]
        assert fields["description"] and len(fields["description"]) <= 300


def test_every_link_between_the_pages_leads_somewhere(client):
    create_pages()
    for page in Page.objects.all():
        html = client.get(page.get_absolute_url()).content.decode()
        for path in re.findall(r'href="(/info/[^"]+)"', html):
            assert client.get(path).status_code == 200, (page.slug, path)


def test_the_privacy_page_names_only_the_cookies_the_site_sets(client, settings):
    create_pages()
    html = client.get(reverse("reader:page", kwargs={"slug": "privacy"})).content.decode()
    named = set(re.findall(r"<strong>([a-z]+)</strong>", html)) - {"no"}
    assert named == {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}
    assert not client.get("/").cookies  # and readers get none


def test_an_edited_page_is_never_overwritten():
    Page.objects.create(title="About the Example Times", slug="about", body="<p>Our own words.</p>")
    created = create_pages()
    assert [page.slug for page in created] == SLUGS[1:]
    assert Page.objects.get(slug="about").body == "<p>Our own words.</p>"
    assert create_pages() == []
