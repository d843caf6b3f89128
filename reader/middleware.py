"""Compressing the public site's pages, feeds and sitemaps (gzip).

BREACH reads secrets out of compressed responses that also echo what an attacker
sends, so only responses that are the same for every reader are compressed: none
under the admin, and none that varies by ``Cookie`` (Django adds that whenever a
response reads the session or a CSRF token, the secrets a page could carry). The
public site sets no cookie and shows no token, so every reader page qualifies.
Django's own mitigation (up to 100 random bytes in each gzip header) applies on top.

ETags stay valid: ``ConditionalGetMiddleware`` sits inside this one and computes them
on the uncompressed body, and a compressed answer carries the weak form (``W/"…"``),
which ``If-None-Match`` matches as it matches the strong one.
"""

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.urls import NoReverseMatch, reverse
from django.utils.cache import cc_delim_re, patch_vary_headers

COMPRESSED_TYPES = frozenset(
    {
        "text/html",
        "text/plain",
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "application/json",
    }
)


def is_admin(request) -> bool:
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:  # a URLconf without the admin (a test's)
        return False


def varies_by_cookie(response) -> bool:
    return any(name.lower() == "cookie" for name in cc_delim_re.split(response.get("Vary", "")))


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip for what readers are sent; the admin and personal responses stay as they are."""

    def process_response(self, request, response):
        if is_admin(request) or varies_by_cookie(response):
            return response
        if response.status_code == 304:
            return self.not_modified(request, response)
        content_type = response.get("Content-Type", "").partition(";")[0].strip().lower()
        if response.streaming or content_type not in COMPRESSED_TYPES:
            return response  # files (photos in development) are compressed already or not worth it
        return super().process_response(request, response)

    def not_modified(self, request, response):
        """A 304 carries the Vary and the ETag the full answer would have had (RFC 9110, 15.4.5)."""
        patch_vary_headers(response, ("Accept-Encoding",))
        etag = response.get("ETag", "")
        if etag.startswith('"') and re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response.headers["ETag"] = f"W/{etag}"
        return response
