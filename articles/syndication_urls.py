"""Feeds, sitemaps and robots.txt, included at the site root by newsroom/urls.py."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .feeds import ArticleFeed, AuthorFeed, SectionFeed, TagFeed
from .sitemaps import SITEMAPS, NewsSitemap, robots_txt, sitemap_index

app_name = "feeds"

urlpatterns = [
    path("feeds/rss/", ArticleFeed("rss"), name="rss"),
    path("feeds/atom/", ArticleFeed("atom"), name="atom"),
    path("feeds/rss/section/<slug:slug>/", SectionFeed("rss"), name="rss-section"),
    path("feeds/atom/section/<slug:slug>/", SectionFeed("atom"), name="atom-section"),
    path("feeds/rss/tag/<slug:slug>/", TagFeed("rss"), name="rss-tag"),
    path("feeds/atom/tag/<slug:slug>/", TagFeed("atom"), name="atom-tag"),
    path("feeds/rss/author/<slug:slug>/", AuthorFeed("rss"), name="rss-author"),
    path("feeds/atom/author/<slug:slug>/", AuthorFeed("atom"), name="atom-author"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    # Before the pattern for the other sitemaps, which would take "news" for one of theirs.
    path(
        "sitemaps/news.xml",
        sitemap,
        {"sitemaps": {"news": NewsSitemap}, "template_name": "sitemaps/news.xml"},
        name="news-sitemap",
    ),
    path("sitemaps/<str:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
