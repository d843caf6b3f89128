"""Sitemaps and robots.txt: how search engines find every published page.

Built for an archive of hundreds of thousands of articles: a page of a sitemap costs the
same few queries whatever its size (Django's COUNT for the paginator, then one query for
the page), and "last modified" comes from indexed subqueries, never a query per row.
Addresses are at the site's public address (``reader.addresses``): ``SITE_URL`` in
production, where the request's host may be a proxy's internal name; the request's own
address in development without it.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max, OuterRef, Subquery
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from articles.models import Article
from pages.models import Page

from .addresses import site_url, site_url_at
from .listings import LISTINGS, Listing

# Google News only reads articles published in the last two days, and at most 1,000 of them.
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


def latest_publication(articles):
    """The newest publication time among ``articles``, as a subquery for annotations."""
    return Subquery(articles.latest_first().values("published_at")[:1])


class SiteSitemap(Sitemap):
    limit = 5000
    site = ""  # the public address; Django's view makes a sitemap for each request

    def get_urls(self, page=1, site=None, protocol=None):
        # Django's view hands over the request's scheme and host (a RequestSite).
        self.site = site_url_at(protocol, site.domain) if site is not None and protocol else site_url()
        return super().get_urls(page=page, site=site, protocol=protocol)

    def get_protocol(self, protocol=None):
        return self.site.partition("://")[0]

    def get_domain(self, site=None):
        return self.site.partition("://")[2]


class ArticleSitemap(SiteSitemap):
    def items(self):
        # Oldest first, so a new article changes only the last page. Only the columns an
        # address and its date need: a page holds thousands of articles.
        return (
            Article.objects.published()
            .select_related("section")
            .only("slug", "published_at", "modified_at", "section__slug")
            .order_by("published_at", "id")
        )

    def lastmod(self, article):
        # A scheduled article goes live after its last save.
        return max(article.modified_at, article.published_at)

    def get_latest_lastmod(self):
        latest = Article.objects.published().aggregate(Max("modified_at"), Max("published_at"))
        return max(filter(None, latest.values()), default=None)


class ListingSitemap(SiteSitemap):
    """Every section, tag or author page (``reader.listings``), dated by its newest article."""

    listing: Listing | None = None

    def items(self):
        articles = self.listing.articles(OuterRef("pk"))
        objects = self.listing.model.objects.only("slug").annotate(last_published_at=latest_publication(articles))
        if self.listing.in_sitemap is not None:
            objects = objects.filter(self.listing.in_sitemap)
        return objects.order_by("pk")

    def location(self, obj):
        return self.listing.url(obj)

    def lastmod(self, obj):
        return obj.last_published_at

    def get_latest_lastmod(self):
        linked = self.listing.any_link() if self.listing.any_link else Article.objects.all()
        return linked.published().aggregate(latest=Max("published_at"))["latest"]


def listing_sitemap(listing: Listing) -> type[ListingSitemap]:
    return type(f"{listing.model.__name__}Sitemap", (ListingSitemap,), {"listing": listing})


class NewsSitemap(SiteSitemap):
    """Google News: the last two days' articles, rendered by templates/sitemaps/news.xml."""

    limit = NEWS_LIMIT

    def items(self):
        return (
            Article.objects.published()
            .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
            .select_related("section")
            .only("slug", "headline", "published_at", "section__slug")
            .latest_first()
        )


class PageSitemap(SiteSitemap):
    """About us, Contact, the policies: a handful of rows."""

    def items(self):
        return Page.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, page):
        return page.updated_at

    def get_latest_lastmod(self):
        return Page.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {
    "articles": ArticleSitemap,
    **{listing.sitemap_name: listing_sitemap(listing) for listing in LISTINGS.values()},
    "pages": PageSitemap,
}


@require_safe
@x_robots_tag
def sitemap_index(request):
    """Django's index view, but with addresses at the site's public address."""
    site = site_url(request)
    entries = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = site + reverse("feeds:sitemap", kwargs={"section": name})
        last_modified = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(location, last_modified))
        entries.extend(
            SitemapIndexItem(f"{location}?p={page}", last_modified)
            for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


@require_safe
def robots_txt(request):
    site = site_url(request)
    sitemap_urls = [site + reverse("feeds:sitemap-index"), site + reverse("feeds:news-sitemap")]
    return render(request, "robots.txt", {"sitemap_urls": sitemap_urls}, content_type="text/plain; charset=utf-8")
