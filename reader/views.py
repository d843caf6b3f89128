import functools

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import TemplateView

from articles.models import Article, CallToAction, FormerSlug, live_q
from articles.pending import pending_changes_applied
from articles.permissions import can_preview_article
from articles.selectors.frontpage import build_front_page
from articles.selectors.pagination import Cursor, keyset_page
from articles.selectors.popular import most_popular_ids
from articles.selectors.search import SearchResults, clean_query, search_articles
from articles.selectors.sidebars import SIDEBAR_LISTS, more_from_section, sidebar_lists
from articles.services import count_read
from media.models import Image
from pages.models import Page
from richtext.blocks import figure_image_source
from richtext.parsing import whole_number

from . import read_counting
from .listings import Listing
from .read_counting import Verdict

PAGE_SIZE = 20
BEACON_MAX_BODY = 1024
SEARCH_PAGE_SIZE = 20
SEARCH_MAX_PAGES = 50


def next_page_url(path: str, page) -> str:
    return f"{path}?before={page.next_cursor}" if page.has_next else ""


@require_safe
def home(request):
    """The front page; its blocks are gathered only when the kept ones are out of date
    (``{% kept_by_content %}`` in the template)."""
    front = SimpleLazyObject(build_front_page)
    context = {
        "front": front,
        "feed_next_url": SimpleLazyObject(lambda: next_page_url(reverse("reader:latest"), front.feed)),
        "popular_ids": most_popular_ids(),
    }
    return render(request, "reader/home.html", context)


# Article pages ---------------------------------------------------------------


def inline_images_for(article: Article) -> dict[str, Image]:
    """Library images placed in the body, by address, in one query (none if no photos)."""
    return Image.objects.by_urls(src for block in article.body_blocks if (src := figure_image_source(block)))


def render_article(request, article: Article, *, found: Article | None = None, **extra):
    """The article page of ``article`` (a full ``for_article_page()`` instance, or a lazy
    one loaded only if a kept part must be rendered again); ``found`` is the row the
    page was found by, with the few fields shown outside the kept parts."""
    call_to_action = functools.cache(CallToAction.objects.current)  # queried when first needed
    found = found or article
    context = {
        "article": article,
        "found": found,
        "inline_images": SimpleLazyObject(lambda: inline_images_for(article)),
        "call_to_action": call_to_action,
        # Built only if the kept page must be rendered again: even unevaluated querysets cost.
        "more_from_section": SimpleLazyObject(lambda: more_from_section(found)),
        "popular_ids": most_popular_ids(),
        **lazy_sidebar_lists(leaving_out=found.pk),
        **extra,
    }
    return render(request, "reader/article_detail.html", context)


def lazy_sidebar_lists(*, leaving_out: int) -> dict:
    """``sidebar_lists()``, made the first time the template reads one of them."""
    lists = SimpleLazyObject(lambda: sidebar_lists(leaving_out=leaving_out, more_path=reverse("reader:latest")))
    return {name: SimpleLazyObject(lambda name=name: lists[name]) for name in SIDEBAR_LISTS}


@require_safe
def article_detail(request, section: str, slug: str):
    found = Article.objects.found_by_address().published().filter(slug=slug).first()
    if found is None:
        return article_not_found(request, slug)
    if found.section.slug != section:
        return redirect(found, permanent=True)
    article = SimpleLazyObject(lambda: Article.objects.for_article_page().get(pk=found.pk))
    return render_article(request, article, found=found)


def article_not_found(request, slug: str):
    """A renamed article redirects; a withdrawn one is Gone; anything else is 404."""
    former = FormerSlug.objects.filter(live_q("article__"), slug=slug).select_related("article__section").first()
    if former is not None:
        return redirect(former.article, permanent=True)
    if Article.objects.filter(status=Article.Status.UNPUBLISHED, slug=slug).exists():
        return render(request, "410.html", status=410)
    raise Http404


@never_cache
@require_safe
def article_preview(request, pk: int):
    """The article as readers will see it, for staff who may edit it; 404 to anyone else.

    A live article with a pending draft is shown with the draft applied (``?live=1``:
    as it is published); nothing of the draft is written.
    """
    article = Article.objects.filter(pk=pk).first()
    if article is None or not can_preview_article(request.user, article):
        raise Http404
    if request.GET.get("live"):
        return render_article(request, Article.objects.for_article_page().get(pk=pk), is_preview=True)
    with pending_changes_applied(article) as pending:
        shown = Article.objects.for_article_page().get(pk=pk)
        return render_article(request, shown, is_preview=True, previewed_draft=pending)


@csrf_exempt
@require_POST
def read_beacon(request, pk: int):
    """Counts one read of a live article; sent by the page, so cached pages count too.

    Exempt from CSRF: it changes nothing but a counter and carries no identity; only
    beacons from the site's own pages count, once per reader and article for a while
    (``read_counting``). It needs no body, so a large one is refused unread.
    """
    if (whole_number(request.META.get("CONTENT_LENGTH") or "0") or 0) > BEACON_MAX_BODY:
        return HttpResponse(status=413)
    verdict = read_counting.judge(request, pk)
    if verdict is Verdict.FOREIGN:
        return HttpResponse(status=403)
    if verdict is Verdict.TOO_MANY:
        return HttpResponse(status=429, headers={"Retry-After": "60"})
    if not Article.objects.published().filter(pk=pk).exists():
        raise Http404
    if verdict is Verdict.COUNT:
        count_read(pk)
    return HttpResponse(status=204)


# Lists -----------------------------------------------------------------------


class ArticleListView(TemplateView):
    """A titled list of published articles, newest first, paged by cursor."""

    template_name = "reader/article_list.html"
    http_method_names = ["get", "head"]  # anything else, OPTIONS and TRACE included: 405
    title = ""

    def filter_articles(self, articles):
        return articles

    def get_context_data(self, **kwargs):
        cursor = Cursor.parse(self.request.GET.get("before"))
        articles = self.filter_articles(Article.objects.published().for_cards())
        # Queried only if the kept list ({% kept_by_content %}) is out of date.
        page = SimpleLazyObject(lambda: keyset_page(articles, cursor, PAGE_SIZE))
        return super().get_context_data(
            page=page,
            cursor=str(cursor) if cursor else "",
            next_url=SimpleLazyObject(lambda: next_page_url(self.request.path, page)),
            title=self.get_title(),
            **kwargs,
        )

    def get_title(self) -> str:
        return self.title


class LatestView(ArticleListView):
    title = "Latest news"
    template_name = "reader/latest.html"


class ListingView(ArticleListView):
    """A section's, a tag's or an author's articles (``reader.listings``), in context as
    ``section``, ``tag`` or ``author``."""

    listing: Listing | None = None

    def filter_articles(self, articles):
        self.object = self.listing.get(self.kwargs["slug"], for_page=True)
        return self.listing.articles(self.object, articles)

    def get_template_names(self):
        return [self.listing.template_name]

    def get_title(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        context = {**super().get_context_data(**kwargs), self.listing.key: self.object}
        if self.listing.page_description:
            context["description"] = self.listing.page_description(self.object)
        return context


# Pages -----------------------------------------------------------------------


@require_safe
def page_detail(request, slug: str):
    """About us, Contact, the policies (``pages``)."""
    page = get_object_or_404(Page.objects.published(), slug=slug)
    return render(request, "reader/page_detail.html", {"page": page})


# Search ----------------------------------------------------------------------


@require_safe
def search(request):
    query, was_cut = clean_query(request.GET.get("q", ""))
    page_number = whole_number(request.GET.get("page", "1"), at_most=SEARCH_MAX_PAGES)
    if not page_number:
        raise Http404("No such page of results.")
    found = SearchResults([], 0, has_next=False, has_terms=False)
    if query:
        found = search_articles(query, start=(page_number - 1) * SEARCH_PAGE_SIZE, size=SEARCH_PAGE_SIZE)
        if page_number > 1 and not found.articles:
            raise Http404("No such page of results.")
    context = {
        "query": query,
        "query_was_cut": was_cut,
        "results": found.articles,
        "result_count": found.count,
        "results_are_capped": found.is_count_capped,
        "has_terms": found.has_terms,
        "page_number": page_number,
        "next_page": page_number + 1 if found.has_next and page_number < SEARCH_MAX_PAGES else None,
    }
    return render(request, "reader/search.html", context)
