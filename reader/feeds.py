"""RSS 2.0 and Atom feeds of the latest articles: the whole site, a section, a tag, an author.

Every address in a feed is absolute, at the site's public address
(``reader.addresses``): ``SITE_URL`` in production, where the request's host may be a
proxy's internal name; the request's own address in development without it.
"""

import copy
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from articles.models import Article, join_names
from media.renditions import shareable_image
from richtext.xml_text import xml_safe

from .addresses import absolute, site_url
from .listings import Listing

FEED_SIZE = 30
MEDIA_RSS_NAMESPACE = "http://search.yahoo.com/mrss/"


def image_type(image) -> str:
    return mimetypes.guess_type(image.name)[0] or "application/octet-stream"


def _xml_safe_values(values: dict) -> dict:
    return {
        key: [xml_safe(part) for part in value] if isinstance(value, list | tuple) else xml_safe(value)
        for key, value in values.items()
    }


class MediaRssMixin:
    """Writes an item's lead image as Media RSS, so readers can show the photo with its credit.

    Every text goes out without the characters XML forbids, whatever was stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*(xml_safe(arg) for arg in args), **_xml_safe_values(kwargs))

    def add_item(self, *args, **kwargs):
        extra = kwargs.get("lead_image")
        if isinstance(extra, dict):
            kwargs["lead_image"] = _xml_safe_values(extra)
        super().add_item(*(xml_safe(arg) for arg in args), **_xml_safe_values(kwargs))

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        image = item.get("lead_image")
        if image is None:
            return
        handler.startElement(
            "media:content",
            {
                "url": image["url"],
                "type": image["type"],
                "medium": "image",
                "width": str(image["width"]),
                "height": str(image["height"]),
            },
        )
        if image["caption"]:
            handler.addQuickElement("media:description", image["caption"], {"type": "plain"})
        if image["credit"]:
            handler.addQuickElement("media:credit", image["credit"])
        handler.endElement("media:content")


class ArticleRssFeed(MediaRssMixin, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS_NAMESPACE}


class ArticleAtomFeed(MediaRssMixin, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS_NAMESPACE}


FEED_TYPES = {"rss": ArticleRssFeed, "atom": ArticleAtomFeed}


class ArticleFeed(Feed):
    """The latest published articles of the whole site; subclasses narrow them down.

    One class serves both formats: ``ArticleFeed("atom")``; ``ListingFeed`` narrows
    it to a section, a tag or an author.
    """

    site = ""  # the public address, set for each request

    def __init__(self, feed_format: str = "rss"):
        self.feed_format = feed_format
        self.feed_type = FEED_TYPES[feed_format]

    def __call__(self, request, *args, **kwargs):
        # The URLconf holds one instance for every request: the request's address goes
        # on a copy, never on the shared instance another thread is using.
        feed = copy.copy(self)
        feed.site = site_url(request)
        return Feed.__call__(feed, request, *args, **kwargs)

    def at_site(self, url: str) -> str:
        return absolute(url, self.site)

    # The feed.

    def title(self, obj):
        return settings.SITE_NAME

    def description(self, obj):
        return _("The latest news from %(site)s.") % {"site": settings.SITE_NAME}

    def subtitle(self, obj):
        # Atom's name for the description; RSS ignores it.
        return self.description(obj)

    def link(self, obj):
        return self.at_site(reverse("reader:home"))

    def feed_url(self, obj):
        return self.at_site(reverse(f"feeds:{self.feed_format}"))

    def author_name(self, obj):
        # Atom wants an author for every entry; the site stands in where an article has no byline.
        return settings.SITE_NAME

    def items(self, obj):
        articles = self.filter_articles(Article.objects.published(), obj)
        return articles.for_listing().prefetch_related("tags").latest_first()[:FEED_SIZE]

    def filter_articles(self, articles, obj):
        return articles

    # Its items.

    def item_title(self, article):
        # RSS readers treat titles as HTML (hence Django's escaping by default); an
        # Atom title is plain text, and escaping it would show "Q&amp;A".
        return escape(article.headline) if self.feed_format == "rss" else article.headline

    def item_description(self, article):
        # Both formats carry the summary as HTML; the standfirst is plain text.
        return escape(article.standfirst or article.seo_description)

    def item_link(self, article):
        return self.at_site(article.get_absolute_url())

    def item_guid(self, article):
        # A tag URI (RFC 4151) rather than the link: a renamed article keeps its identity
        # and does not show up in readers a second time.
        host = urlsplit(self.site).hostname
        return f"tag:{host},{article.created_at:%Y-%m-%d}:article/{article.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        # Atom requires <updated> on every entry.
        return max(article.updated_at or article.published_at, article.published_at)

    def item_author_name(self, article):
        return join_names([byline.author.name for byline in article.ordered_bylines]) or None

    def item_author_link(self, article):
        bylines = article.ordered_bylines
        return self.at_site(bylines[0].author.get_absolute_url()) if bylines else None

    def item_categories(self, article):
        return [article.section.name, *sorted(tag.name for tag in article.tags.all())]

    def item_enclosures(self, article):
        if article.lead_image is None:
            return []
        image = shareable_image(article.lead_image)
        # RSS asks for 0 when the size cannot be known, e.g. a file missing from storage.
        length = image.size or 0
        return [Enclosure(url=self.at_site(image.url), length=str(length), mime_type=image_type(image))]

    def item_extra_kwargs(self, article):
        if article.lead_image is None:
            return {"lead_image": None}
        image = shareable_image(article.lead_image)
        return {
            "lead_image": {
                "url": self.at_site(image.url),
                "type": image_type(image),
                "width": image.width,
                "height": image.height,
                "caption": article.caption,
                "credit": article.lead_image.credit,
            }
        }


class ListingFeed(ArticleFeed):
    """The latest articles of one section, tag or author (``reader.listings``)."""

    def __init__(self, listing: Listing, feed_format: str = "rss"):
        super().__init__(feed_format)
        self.listing = listing

    def feed_url(self, obj):
        return self.at_site(reverse(self.listing.feed_url_name(self.feed_format), kwargs={"slug": obj.slug}))

    def get_object(self, request, slug):
        return self.listing.get(slug)

    def filter_articles(self, articles, obj):
        return self.listing.articles(obj, articles)

    def title(self, obj):
        return _("%(name)s – %(site)s") % {"name": obj.name, "site": settings.SITE_NAME}

    def description(self, obj):
        return self.listing.feed_description(obj)

    def link(self, obj):
        return self.at_site(self.listing.url(obj))
