"""Finding the pages to load the way a reader or a crawler would: from the pages themselves."""

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


class NextLinkFinder(HTMLParser):
    """The first ``<a rel="next">`` of a page: Newsroom's "Show More", Wagtail's "Next"."""

    def __init__(self):
        super().__init__()
        self.href: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.href is None and tag == "a" and "next" in (attributes.get("rel") or "").split():
            self.href = attributes.get("href")


def next_link(html: str, page_url: str) -> str | None:
    """The address the page's own "next" link goes to, resolved against ``page_url``."""
    finder = NextLinkFinder()
    finder.feed(html)
    return urljoin(page_url, finder.href) if finder.href else None


def follow_next(fetch: Callable[[str], str], url: str, times: int) -> list[str]:
    """The chain of pages reached by following the "next" link ``times`` times from ``url``
    (shorter when the listing ends first), ``url`` itself first."""
    chain = [url]
    for _ in range(times):
        following = next_link(fetch(chain[-1]), chain[-1])
        if following is None:
            break
        chain.append(following)
    return chain


def sitemap_locations(xml: str) -> list[str]:
    """Every ``<loc>`` of a sitemap or a sitemap index, in order."""
    return [unescape(location.strip()) for location in re.findall(r"<loc>(.*?)</loc>", xml, re.DOTALL)]


def path_of(url: str) -> str:
    """The path and query of an address, what wrk asks for."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
