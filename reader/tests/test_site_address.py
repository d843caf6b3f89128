"""Issue 10, defect 12: in development the site's address follows the request unless
``SITE_URL`` is set, so `make run PORT=8101` never links to a dead port 8000."""

import json
import re
from xml.etree import ElementTree

import pytest
from django.urls import reverse

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DEV_HOST = "127.0.0.1:8101"


@pytest.fixture
def story(newsroom):
    [article] = newsroom.publish(1)
    return article


@pytest.fixture
def development(settings):
    """DEBUG on and no SITE_URL in the environment, as `make run PORT=8101` has it."""
    settings.SITE_URL_FOLLOWS_REQUEST = True
    settings.ALLOWED_HOSTS = ["127.0.0.1"]


def get(client, url: str, host: str = DEV_HOST) -> str:
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    return response.content.decode()


def addresses_on(client, story, host: str = DEV_HOST) -> list[str]:
    """Every absolute address a reader, a feed reader or a crawler is given, from each kind of page."""
    article = get(client, story.get_absolute_url(), host)
    found = re.findall(r'<link rel="canonical" href="([^"]+)">', article)
    found += re.findall(r'<meta property="og:(?:url|image)" content="([^"]+)">', article)
    news = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', article).group(1))
    found += [news["url"], news["publisher"]["url"], news["publisher"]["logo"]["url"], news["author"][0]["url"]]
    found += re.findall(r'<link rel="canonical" href="([^"]+)">', get(client, "/", host))
    found += re.findall(r'<link rel="canonical" href="([^"]+)">', get(client, story.section.get_absolute_url(), host))
    rss = ElementTree.fromstring(get(client, reverse("feeds:rss"), host))
    found += [rss.findtext("channel/link"), rss.findtext("channel/item/link")]
    atom = ElementTree.fromstring(get(client, reverse("feeds:atom"), host))
    found += [link.get("href") for link in atom.iter("{http://www.w3.org/2005/Atom}link")]
    for sitemap in ("feeds:sitemap-index", "feeds:news-sitemap"):
        found += [loc.text for loc in ElementTree.fromstring(get(client, reverse(sitemap), host)).iter(f"{SITEMAP}loc")]
    articles_sitemap = reverse("feeds:sitemap", kwargs={"section": "articles"})
    found += [loc.text for loc in ElementTree.fromstring(get(client, articles_sitemap, host)).iter(f"{SITEMAP}loc")]
    found += re.findall(r"Sitemap: (\S+)", get(client, reverse("feeds:robots"), host))
    return found


def elsewhere(found: list[str], site: str) -> list[str]:
    return [address for address in found if address != site and not address.startswith(f"{site}/")]


@pytest.mark.usefixtures("development")
def test_in_development_without_site_url_every_address_is_at_the_requested_host(client, story):
    found = addresses_on(client, story)
    assert len(found) > 15
    assert elsewhere(found, f"http://{DEV_HOST}") == []


@pytest.mark.usefixtures("development")
def test_each_request_gets_its_own_host(client, story, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    assert elsewhere(addresses_on(client, story, "localhost:8000"), "http://localhost:8000") == []


def test_with_site_url_set_every_address_uses_it_whatever_the_host(client, story, settings, public_address):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    found = addresses_on(client, story)
    assert len(found) > 15
    assert elsewhere(found, public_address) == []


def test_feed_guids_name_the_site_host(client, story, public_address):
    rss = ElementTree.fromstring(get(client, reverse("feeds:rss"), "testserver"))
    assert rss.findtext("channel/item/guid").startswith("tag:news.example,")
