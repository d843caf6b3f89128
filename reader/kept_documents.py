"""Feeds, sitemaps and kept page blocks, rendered once per *content version*.

A sitemap page lists five thousand addresses and a feed twenty full items; both are
read by machines, often, and both change only when what is published changes. So the
rendered document is kept under a key made of its address and the content version
(``{% kept_by_content %}`` keys page blocks by it too): a token in the shared cache,

- replaced after every change announced by ``articles.events`` (published, changed,
  unpublished, deleted), every save of an article that is or was published, and every
  save of a section, author, tag, page, photo or the promo;
- stored with the moment the next scheduled story goes live, and replaced once that
  moment has come, so the story enters the feeds, sitemaps and pages then, with no save.

Reading it costs one cache read and no query (one more, for the next scheduled story,
only when the token is replaced). If the cache cannot be read, documents are rendered
afresh every time: slower, never stale.
"""

import datetime
import secrets
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from articles.models import Article

from .fragments import once_per_request

CONTENT_VERSION_KEY = "reader:content:version:v2"
# A kept document that nobody asked for in a day is let go.
KEPT_FOR = 24 * 3600


def _next_go_live():
    """When the next article already published for a later time goes live, or None."""
    return (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )


def _new_version() -> tuple[str, datetime.datetime | None]:
    return secrets.token_hex(8), _next_go_live()


def content_version() -> str | None:
    """The shared content token, or None when the cache cannot be read."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        # Never set, or evicted: start one (add: another worker may be first).
        cache.add(CONTENT_VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
        if version is None:
            return None
    token, goes_live_at = version
    if goes_live_at is not None and timezone.now() >= goes_live_at:
        # A scheduled story is live now: a new version (every worker that sees this
        # replaces it; they agree from the next read on).
        version = _new_version()
        cache.set(CONTENT_VERSION_KEY, version, timeout=None)
        token = version[0]
    return token


def request_content_version(request):
    """``content_version()``, read once per request."""
    return once_per_request(request, "_content_version", content_version)


def start_new_content_version(sender=None, **kwargs) -> None:
    """Announced changes arrive after their commit; model saves wait for theirs."""
    transaction.on_commit(lambda: cache.set(CONTENT_VERSION_KEY, _new_version(), timeout=None))


def start_new_content_version_on_change(sender, created: bool = False, **kwargs) -> None:
    """For photos: a new one is on no page yet (an upload to the library shows nowhere)."""
    if not created:
        start_new_content_version()


def start_new_content_version_if_seen(sender, instance, **kwargs) -> None:
    """An article saved or deleted where readers may see it (any save, not only the
    services' announced ones); drafts and articles in review show nowhere."""
    if instance.status in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}:
        start_new_content_version()


def kept_while_content_unchanged(view):
    """Keep ``view``'s successful responses by the request's address and the content version."""

    @wraps(view)
    def kept_view(request, *args, **kwargs):
        version = request_content_version(request)
        if version is None:
            return view(request, *args, **kwargs)
        # Only the page number of a sitemap tells two addresses' documents apart.
        page = request.GET.get("p", "")[:12]
        key = f"reader:kept:{request.scheme}://{request.get_host()}{request.path}?{page}:{version}"
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            return HttpResponse(content, headers=headers)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, dict(response.headers.items())), timeout=KEPT_FOR)
        return response

    return kept_view
