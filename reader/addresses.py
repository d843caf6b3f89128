"""The site's public address, for links that must work away from the page: canonical
links, feeds, sitemaps, robots.txt, structured data and share links.

The rule lives here once. In production it is ``SITE_URL``: behind a proxy the
request's host is an internal name that readers cannot reach. In development without
``SITE_URL`` (``settings.SITE_URL_FOLLOWS_REQUEST``) it is the address the request
came to, so `make run PORT=8101` never links to a dead port 8000.
"""

from django.conf import settings
from django.http import HttpRequest


def site_url(request: HttpRequest | None = None) -> str:
    """The site's address without a trailing slash; ``SITE_URL`` when there is no request."""
    if request is None:
        return settings.SITE_URL
    return site_url_at(request.scheme, request.get_host())


def site_url_at(scheme: str, host: str) -> str:
    """The site's address for a request that came to ``scheme://host``.

    For callers that are handed the two parts rather than the request (sitemaps)."""
    if settings.SITE_URL_FOLLOWS_REQUEST:
        return f"{scheme}://{host}"
    return settings.SITE_URL


def absolute(url: str, site: str) -> str:
    """``url`` (a path from the site root) at ``site``; storages that give absolute URLs keep them."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{site}{url}"
