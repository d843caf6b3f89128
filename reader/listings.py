"""The three kinds of listing — a section's, a tag's and an author's articles — described once.

Each ``Listing`` says what its pages list (the model, the ``ArticleQuerySet`` method
that narrows published articles to one of them), what they are called, and where
they live; the list views, the feeds and the sitemaps are all driven by this table,
so a fourth kind of listing is one more entry here.

URL names follow from ``key``: the page is ``reader:<key>``, the feeds are
``feeds:rss-<key>`` and ``feeds:atom-<key>``, the sitemap is ``<key>s``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from articles.models import Article, Byline, Section, TaggedArticle
from authors.models import Author


@dataclass(frozen=True)
class Listing:
    key: str
    model: type[Model]
    # The ArticleQuerySet method that keeps one object's articles, e.g. "in_section".
    articles_method: str
    # What the feed says about itself when the object says nothing.
    feed_description: Callable[[Model], str]
    # What a page shows of the object beyond its fields (e.g. an author's links).
    page_queryset: Callable[[], QuerySet] | None = None
    template_name: str = "reader/article_list.html"
    # The line under the page's title, if the object has one.
    page_description: Callable[[Model], str] | None = None
    # Which objects get a sitemap entry, by the time of their newest published article
    # (``last_published_at``, None without one): one index probe each, no semi-join that
    # reads every join row.
    in_sitemap: Q | None = None
    # Published articles that belong to at least one object of this kind.
    any_link: Callable[[], QuerySet] | None = None

    def get(self, slug: str, *, for_page: bool = False) -> Model:
        objects = self.page_queryset() if for_page and self.page_queryset else self.model.objects.all()
        return get_object_or_404(objects, slug=slug)

    def articles(self, obj, articles: QuerySet | None = None) -> QuerySet:
        """``obj``'s published articles (or ``obj``'s among ``articles``)."""
        articles = Article.objects.published() if articles is None else articles
        return getattr(articles, self.articles_method)(obj)

    def url(self, obj) -> str:
        return reverse(f"reader:{self.key}", kwargs={"slug": obj.slug})

    def feed_url_name(self, feed_format: str) -> str:
        return f"feeds:{feed_format}-{self.key}"

    @property
    def sitemap_name(self) -> str:
        return f"{self.key}s"


LISTINGS = {
    listing.key: listing
    for listing in [
        Listing(
            key="section",
            model=Section,
            articles_method="in_section",
            feed_description=lambda section: (
                section.description or _("The latest from %(name)s.") % {"name": section.name}
            ),
        ),
        Listing(
            key="tag",
            model=Tag,
            articles_method="tagged",
            feed_description=lambda tag: _("The latest articles tagged “%(name)s”.") % {"name": tag.name},
            # A tag used only on drafts would have an empty page.
            in_sitemap=Q(last_published_at__isnull=False),
            any_link=lambda: Article.objects.filter(
                Exists(TaggedArticle.objects.filter(content_object=OuterRef("pk")))
            ),
        ),
        Listing(
            key="author",
            model=Author,
            articles_method="by_author",
            feed_description=lambda author: (
                author.short_bio or _("The latest articles by %(name)s.") % {"name": author.name}
            ),
            template_name="reader/author_detail.html",
            # The links are read only when the kept page must be rendered again.
            page_queryset=lambda: Author.objects.select_related("avatar"),
            # Former authors keep their entry while their published articles have a page.
            in_sitemap=Q(is_active=True) | Q(last_published_at__isnull=False),
            any_link=lambda: Article.objects.filter(Exists(Byline.objects.filter(article=OuterRef("pk")))),
        ),
    ]
}
