"""Feeds, sitemaps and robots.txt, included at the site root by newsroom/urls.py."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from .feeds import ArticleFeed, ListingFeed
from .kept_documents import kept_while_content_unchanged
from .listings import LISTINGS
from .sitemaps import SITEMAPS, NewsSitemap, robots_txt, sitemap_index

app_name = "feeds"

HABITUAL_FEED_ADDRESSES = {
    "feed/": "rss",
    "rss/": "rss",
    "feeds/": "rss",
    "rss.xml": "rss",
    "feed.xml": "rss",
    "atom/": "atom",
    "atom.xml": "atom",
}

# Feeds and sitemaps are read, never posted to: any other method (OPTIONS, TRACE…) is a 405.
sitemap = kept_while_content_unchanged(require_safe(sitemap))

urlpatterns = [
    path("feeds/rss/", kept_while_content_unchanged(require_safe(ArticleFeed("rss"))), name="rss"),
    path("feeds/atom/", kept_while_content_unchanged(require_safe(ArticleFeed("atom"))), name="atom"),
    *[
        path(
            f"feeds/{feed_format}/{key}/<slug:slug>/",
            kept_while_content_unchanged(require_safe(ListingFeed(listing, feed_format))),
            name=f"{feed_format}-{key}",
        )
        for key, listing in LISTINGS.items()
        for feed_format in ("rss", "atom")
    ],
    path("sitemap.xml", kept_while_content_unchanged(sitemap_index), name="sitemap-index"),
    # Before the pattern for the other sitemaps, which would take "news" for one of theirs.
    path(
        "sitemaps/news.xml",
        sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news-sitemap",
    ),
    path("sitemaps/<str:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    # Where readers and feed readers look for a feed by habit: sent on to the real ones.
    *[
        path(habit, require_safe(RedirectView.as_view(pattern_name=f"feeds:{feed}", permanent=True)))
        for habit, feed in HABITUAL_FEED_ADDRESSES.items()
    ],
]
