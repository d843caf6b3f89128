"""Share links under an article: plain links to each network's own share page.

Nothing is loaded from the networks until a reader follows a link: no buttons from
their servers, no scripts, no counters, so no network learns who read what. The
addresses are the ones each network documents for sharing a link without an app.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    text: str  # shown: the network's name
    label: str  # its accessible name: "Share on Facebook"
    href: str
    opens_new_tab: bool = True


def query(**values: str) -> str:
    """A query string with spaces as %20 (a mail client shows "+" as it is)."""
    return urlencode(values, quote_via=quote)


def share_links(url: str, title: str, summary: str = "") -> list[ShareLink]:
    """Links that share ``url`` (absolute) under ``title``; the email carries ``summary`` too."""
    networks = [
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?{query(u=url)}"),
        ("X", f"https://x.com/intent/tweet?{query(text=title, url=url)}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?{query(url=url)}"),
        ("Telegram", f"https://t.me/share/url?{query(url=url, text=title)}"),
        ("WhatsApp", f"https://wa.me/?{query(text=f'{title} {url}')}"),
    ]
    links = [
        ShareLink(text=name, label=_("Share on %(network)s") % {"network": name}, href=href) for name, href in networks
    ]
    body = f"{summary}\n\n{url}" if summary else url
    links.append(
        ShareLink(
            text=_("Email"),
            label=_("Share by email"),
            href=f"mailto:?{query(subject=title, body=body)}",
            opens_new_tab=False,
        )
    )
    return links
