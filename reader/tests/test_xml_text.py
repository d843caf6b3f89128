"""Issue 9, finding 6: a control character in a text broke every feed and the news sitemap."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.urls import reverse

from articles.models import Article
from media.models import Image

pytestmark = pytest.mark.django_db

FEEDS = ["feeds:rss", "feeds:atom"]


def test_texts_drop_characters_xml_forbids_when_saved(newsroom):
    [article] = newsroom.publish(1, headline="Vertical\x0btab", standfirst="Bell\x07 and form\x0cfeed")
    article.refresh_from_db()
    assert (article.headline, article.standfirst) == ("Verticaltab", "Bell and formfeed")
    newsroom.author.name = "Escape\x1bName"
    newsroom.author.save()
    newsroom.author.refresh_from_db()
    assert newsroom.author.name == "EscapeName"


@pytest.mark.parametrize("url_name", FEEDS)
def test_feeds_and_the_news_sitemap_stay_valid_xml_whatever_was_stored(client, newsroom, url_name):
    [article] = newsroom.publish(1)
    # Stored before the cleaning existed (an update skips save()).
    Article.objects.filter(pk=article.pk).update(headline="Old\x0bheadline", standfirst="Old\x01standfirst")
    Image.objects.filter(pk=article.lead_image_id).update(caption="Cap\x0btion", credit="Cre\x08dit")
    for url in (reverse(url_name), reverse("feeds:rss-section", args=[newsroom.section.slug]), "/sitemaps/news.xml"):
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)  # parses: valid XML
        assert b"Oldheadline" in response.content
