from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from authors.models import Author

from .models import Article, FormerSlug, Section
from .permissions import can_preview_article

PAGE_SIZE = 20


def home(request):
    articles = Article.objects.published().for_listing()
    return render(
        request,
        "articles/home.html",
        {
            "latest": articles.latest_first()[:PAGE_SIZE],
            "editors_picks": articles.editors_picks()[:6],
        },
    )


def article_page_queryset():
    return Article.objects.for_listing().prefetch_related("tags", "related_articles__section", "corrections")


def article_detail(request, section: str, slug: str):
    article = article_page_queryset().published().filter(slug=slug).first()
    if article is None:
        return article_not_found(request, slug)
    if article.section.slug != section:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})


def article_not_found(request, slug: str):
    """A renamed article redirects; a withdrawn one is Gone; anything else is 404."""
    former = (
        FormerSlug.objects.filter(slug=slug, article__in=Article.objects.published())
        .select_related("article__section")
        .first()
    )
    if former is not None:
        return redirect(former.article, permanent=True)
    if Article.objects.filter(status=Article.Status.UNPUBLISHED, slug=slug).exists():
        return render(request, "410.html", status=410)
    raise Http404


def article_preview(request, pk: int):
    """The article as readers will see it, for staff who may edit it; 404 to anyone else."""
    article = article_page_queryset().filter(pk=pk).first()
    if article is None or not can_preview_article(request.user, article):
        raise Http404
    return render(request, "articles/article_detail.html", {"article": article, "is_preview": True})


class ArticleListView(ListView):
    """A titled list of published articles, newest first."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return self.filter_articles(Article.objects.published()).for_listing().latest_first()[:PAGE_SIZE]

    def filter_articles(self, articles):
        return articles


class LatestView(ArticleListView):
    extra_context = {"title": "Latest news"}


class SectionView(ArticleListView):
    def filter_articles(self, articles):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return articles.in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.section.name, description=self.section.description, **kwargs)


class TagView(ArticleListView):
    def filter_articles(self, articles):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return articles.tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.tag.name, **kwargs)


class AuthorView(DetailView):
    template_name = "articles/author_detail.html"
    context_object_name = "author"
    queryset = Author.objects.select_related("avatar").prefetch_related("links")

    def get_context_data(self, **kwargs):
        articles = Article.objects.published().by_author(self.object).for_listing().latest_first()[:PAGE_SIZE]
        return super().get_context_data(articles=articles, **kwargs)
