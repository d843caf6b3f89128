"""Issue 10, item 11: About us, Contact, the policies, as pages editors keep, listed in the footer."""

import datetime
import re
from xml.etree import ElementTree

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles.models import Section
from pages.tests.factories import PageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
UPDATED = datetime.datetime(2026, 2, 3, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def pages():
    with time_machine.travel(UPDATED, tick=False):
        return {
            "about": PageFactory(title="About us", slug="about", position=1, description=""),
            "privacy": PageFactory(
                title="Privacy",
                slug="privacy",
                position=4,
                description="What we know about readers: very little.",
                body="<h2>Cookies</h2><p>We set <strong>no</strong> cookies for readers.</p>",
            ),
            "contact": PageFactory(title="Contact", slug="contact", position=2),
            "draft": PageFactory(title="Ethics code", slug="ethics", is_published=False),
            "imprint": PageFactory(title="Imprint", slug="imprint", is_in_footer=False),
        }


def test_a_page_has_its_title_description_canonical_address_and_last_updated_date(client, pages, public_address):
    html = client.get("/info/privacy/").content.decode()
    assert "<title>Privacy · The Example Times</title>" in html
    assert '<meta name="description" content="What we know about readers: very little.">' in html
    assert '<link rel="canonical" href="https://news.example/info/privacy/">' in html
    assert '<h1 class="page-title">Privacy</h1>' in html
    assert '<time datetime="2026-02-03T10:00:00+0000">3 February 2026</time>' in html
    assert "<h2>Cookies</h2><p>We set <strong>no</strong> cookies for readers.</p>" in html


def test_without_a_description_the_text_describes_the_page(client, pages):
    html = client.get("/info/about/").content.decode()
    assert '<meta name="description" content="Who we are and how we work.">' in html


def test_unpublished_and_unknown_pages_are_not_found(client, pages):
    assert client.get("/info/ethics/").status_code == 404
    assert client.get("/info/nothing-here/").status_code == 404
    assert client.post("/info/about/").status_code == 405


def test_the_footer_lists_the_pages_in_their_order_beside_sections_and_the_news(client, pages, newsroom):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    about_us = footer[footer.index("About us</h2>") : footer.index("Follow the news")]
    assert re.findall(r'<a href="(/info/[^"]+)">([^<]+)</a>', about_us) == [
        ("/info/about/", "About us"),
        ("/info/contact/", "Contact"),
        ("/info/privacy/", "Privacy"),
    ]
    for link in (reverse("reader:latest"), reverse("reader:search"), reverse("feeds:rss"), "/war/"):
        assert f'href="{link}"' in footer, link


def test_a_footer_without_pages_has_no_empty_column(client, db):
    assert "About us</h2>" not in client.get("/").content.decode()


def test_info_is_not_a_section_slug():
    """The pages live under /info/: a section there would hide its own articles."""
    with pytest.raises(ValidationError):
        Section(name="Info", slug="info").full_clean()


def test_the_sitemap_lists_published_pages_with_their_dates(client, pages, public_address):
    response = client.get(reverse("feeds:sitemap", kwargs={"section": "pages"}))
    root = ElementTree.fromstring(response.content)
    listed = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root}
    assert listed == {
        f"https://news.example/info/{slug}/": "2026-02-03" for slug in ("about", "privacy", "contact", "imprint")
    }


def test_a_page_costs_a_fixed_number_of_queries(client, pages, django_assert_max_num_queries):
    # The page, the navigation sections and the footer's pages.
    with django_assert_max_num_queries(3):
        assert client.get("/info/privacy/").status_code == 200
