import datetime
import html
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_address")]

FORMATS = ["rss", "atom"]
MEDIA_RSS = "http://search.yahoo.com/mrss/"


def feed_urls(feed_format: str) -> list[str]:
    return [
        reverse(f"feeds:{feed_format}"),
        reverse(f"feeds:{feed_format}-section", kwargs={"slug": "war"}),
        reverse(f"feeds:{feed_format}-tag", kwargs={"slug": "drone-production"}),
        reverse(f"feeds:{feed_format}-author", kwargs={"slug": "jane-example"}),
    ]


def all_feed_urls() -> list[str]:
    return feed_urls("rss") + feed_urls("atom")


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (url, feed.get("bozo_exception"))
    return feed


def test_feeds_are_well_formed_rss_and_atom(client, newsroom):
    newsroom(2)
    for url in feed_urls("rss"):
        response = client.get(url)
        assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
        assert fetch(client, url).version == "rss20"
    for url in feed_urls("atom"):
        response = client.get(url)
        assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
        assert fetch(client, url).version == "atom10"


@pytest.mark.parametrize("feed_format", FORMATS)
def test_items_carry_title_link_date_author_categories_summary_and_credited_image(client, newsroom, feed_format):
    (article,) = newsroom(1, headline="Q&A: what <drones> cost", standfirst="Prices & costs, in one sentence.")
    article.lead_image_caption = "A drone over a field."
    article.save()

    for url in feed_urls(feed_format):
        (entry,) = fetch(client, url).entries
        # RSS titles and both summaries are HTML; an Atom title is plain text.
        title = html.unescape(entry.title) if feed_format == "rss" else entry.title
        assert title == "Q&A: what <drones> cost", url
        assert entry.link == f"https://news.example/war/{article.slug}/"
        assert html.unescape(entry.summary) == "Prices & costs, in one sentence."
        published = datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
        assert published == article.published_at.replace(microsecond=0)
        assert entry.author == "Jane Example and John Second"
        assert [tag.term for tag in entry.tags] == ["War", "Drone production", "Economy"]
        assert entry.id.startswith("tag:news.example,")

        image = article.lead_image
        image_url = f"https://news.example{image.file.url}"
        (enclosure,) = entry.enclosures
        assert enclosure.href == image_url
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == image.file.size > 0
        (media,) = entry.media_content
        assert media["url"] == image_url
        assert media["medium"] == "image"
        assert (media["width"], media["height"]) == (str(image.width), str(image.height))
        assert entry.media_credit == [{"content": "Jane Photographer/Agency Images"}]
        # feedparser folds media:description into the summary; read the caption from the XML.
        captions = ElementTree.fromstring(client.get(url).content).iter(f"{{{MEDIA_RSS}}}description")
        assert [caption.text for caption in captions] == ["A drone over a field."]


def test_an_article_without_lead_image_or_byline_still_makes_a_valid_entry(client):
    ArticleFactory(headline="Agency copy", section=SectionFactory(slug="war"))
    for url in [reverse("feeds:rss"), reverse("feeds:atom")]:
        (entry,) = fetch(client, url).entries
        assert entry.title == "Agency copy"
        assert entry.enclosures == []
        assert "media_content" not in entry
    atom = fetch(client, reverse("feeds:atom"))
    assert atom.feed.author == "The Example Times"  # Atom needs an author for every entry


@pytest.mark.parametrize("feed_format", FORMATS)
def test_feed_links_use_the_public_address_not_the_request_host(client, newsroom, feed_format):
    newsroom(1)
    expected_pages = [
        "https://news.example/",
        "https://news.example/war/",
        "https://news.example/tags/drone-production/",
        "https://news.example/authors/jane-example/",
    ]
    for url, page in zip(feed_urls(feed_format), expected_pages, strict=True):
        feed = fetch(client, url)
        assert feed.feed.link == page
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [f"https://news.example{url}"]
        assert "testserver" not in client.get(url).content.decode()


def test_feed_titles_name_the_site_and_what_is_followed(client, newsroom):
    newsroom(1)
    titles = [fetch(client, url).feed.title for url in feed_urls("atom")]
    assert titles == [
        "The Example Times",
        "War – The Example Times",
        "Drone production – The Example Times",
        "Jane Example – The Example Times",
    ]


def test_feeds_list_the_30_latest_published_articles_newest_first(client, newsroom):
    now = timezone.now()
    published = [
        newsroom(1, headline=f"Story {minutes}", published_at=now - datetime.timedelta(minutes=minutes))[0]
        for minutes in range(1, 33)
    ]
    newsroom(1, headline="Draft", status=Article.Status.DRAFT, published_at=None)
    newsroom(1, headline="Scheduled", published_at=now + datetime.timedelta(hours=1))
    newsroom(1, headline="Withdrawn", status=Article.Status.UNPUBLISHED)

    expected = [article.headline for article in published[:30]]
    for url in all_feed_urls():
        titles = [entry.title for entry in fetch(client, url).entries]
        assert titles == expected, url


def test_section_tag_and_author_feeds_hold_only_their_own_articles(client, newsroom):
    newsroom(1, headline="Ours")
    ArticleFactory(headline="Someone else's", section=SectionFactory(slug="sport"), authors=True, tags=["Football"])

    for url in feed_urls("rss")[1:] + feed_urls("atom")[1:]:
        assert [entry.title for entry in fetch(client, url).entries] == ["Ours"], url
    assert {entry.title for entry in fetch(client, reverse("feeds:atom")).entries} == {"Ours", "Someone else's"}


@pytest.mark.parametrize("feed_format", FORMATS)
@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_unknown_slugs_are_404(client, newsroom, feed_format, kind):
    newsroom(1)
    url = reverse(f"feeds:{feed_format}-{kind}", kwargs={"slug": "no-such-thing"})
    assert client.get(url).status_code == 404


def test_feeds_are_rendered_in_a_fixed_number_of_queries(client, newsroom, query_budget):
    newsroom(5)
    # Articles, bylines, tags, lead-image renditions (+ the owner).
    query_budget(client, all_feed_urls(), lambda: newsroom(45), at_most=5, fetch=fetch)
    assert all(len(fetch(client, url).entries) == 30 for url in all_feed_urls())


@pytest.mark.parametrize(
    "habit, feed",
    [("/feed/", "/feeds/rss/"), ("/rss/", "/feeds/rss/"), ("/rss.xml", "/feeds/rss/"), ("/atom/", "/feeds/atom/")],
)
def test_the_addresses_readers_try_by_habit_lead_to_the_feeds(client, db, habit, feed):
    """Issue 10, defect 13 (in part): /feed/ and /rss/ answered 404."""
    response = client.get(habit)
    assert response.status_code == 301 and response["Location"] == feed
    assert client.options(habit).status_code == 405


def test_a_section_may_not_take_a_feed_address(db):
    from django.core.exceptions import ValidationError

    from articles.models import validate_section_slug

    with pytest.raises(ValidationError):
        validate_section_slug("feed")
