"""Feeds and sitemaps, kept rendered in the shared cache until the content changes.

A sitemap page lists five thousand addresses and a feed twenty full items; both are
read by machines, often, and both change only when what is published changes. So the
rendered document is kept under a key made of its address and the *content version*:

- a token in the shared cache, replaced after every change announced by
  ``articles.events`` (published, changed, unpublished, deleted) and every save of a
  section, author, tag or page (their pages are listed in the sitemaps);
- the newest publication time among live articles, so a story scheduled for later
  enters the feeds and sitemaps the moment it goes live, with no event at all.

Reading both costs one cache read and one indexed query. If the cache cannot be read,
documents are rendered afresh every time: slower, never stale.
"""

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from articles.models import Article

from .fragments import SharedToken

CONTENT_VERSION_KEY = "reader:content:version"
content_token = SharedToken(CONTENT_VERSION_KEY)
# A kept document that nobody asked for in a day is let go.
KEPT_FOR = 24 * 3600


def content_version():
    """The shared content token with the newest live publication time, or None."""
    token = content_token.read()
    if token is None:
        return None
    newest = Article.objects.published().latest_first().values_list("published_at", flat=True).first()
    return token, newest.isoformat() if newest else ""


def request_content_version(request):
    """``content_version()``, read once per request (remembered on the request)."""
    if request is None:
        return content_version()
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


def start_new_content_version(sender=None, **kwargs) -> None:
    """Announced changes arrive after their commit; model saves wait for theirs."""
    content_token.replace_after_commit()


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
        key = f"reader:kept:{request.scheme}://{request.get_host()}{request.path}?{page}:{version[0]}:{version[1]}"
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
