"""A news site the way Wagtail's documentation builds one.

A home page listing the latest articles, one index page per section, article pages
(title, intro, rich-text body, a lead image, an author, tags) and a page per tag, routed
by the home page. Listings are paginated with Django's Paginator, images are rendered
with ``{% picture %}`` and their renditions prefetched, as Wagtail's performance guide
advises.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

PER_PAGE = 20
FRONT_PAGE_ARTICLES = 60


def paginate(request, articles):
    return Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))


def with_cards(articles):
    """What a card shows: the author, and the image with its renditions."""
    images = get_image_model().objects.prefetch_renditions()
    return articles.select_related("author").prefetch_related(Prefetch("image", queryset=images))


@register_snippet
class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    bio = models.TextField(blank=True)
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("bio"), FieldPanel("image")]

    def __str__(self):
        return self.name


class HomePage(RoutablePageMixin, Page):
    subpage_types = ["news.SectionPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().order_by("-first_published_at")
        context["articles"] = with_cards(articles)[:FRONT_PAGE_ARTICLES]
        context["sections"] = SectionPage.objects.child_of(self).live().in_menu()
        return context

    @path("tags/<slug:tag>/", name="tag")
    def tag(self, request, tag):
        tag = get_object_or_404(Tag, slug=tag)
        articles = ArticlePage.objects.live().public().filter(tags=tag).order_by("-first_published_at")
        return self.render(
            request,
            context_overrides={"tag": tag, "articles": paginate(request, with_cards(articles))},
            template="news/tag_page.html",
        )


class SectionPage(Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["news.HomePage"]
    subpage_types = ["news.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-first_published_at")
        context["articles"] = paginate(request, with_cards(articles))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE)


class ArticlePage(Page):
    intro = models.TextField()
    body = RichTextField()
    image = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("author"),
        FieldPanel("tags"),
    ]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = section = self.get_parent()
        context["home"] = section.get_parent().specific
        return context
