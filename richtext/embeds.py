"""Embedded posts and videos: stored as a URL, shown to readers only when they ask.

CKEditor's media-embed stores ``<figure class="media"><oembed url="…"></oembed></figure>``
— an address, never the provider's HTML. The sanitiser keeps it only for the
providers below; the public page replaces it with a click-to-load box (nothing is
fetched from the provider until the reader presses "Load"), whose iframe address
is built here from the URL.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Provider:
    name: str  # as readers know it
    slug: str  # CKEditor's provider name and the CSS class
    patterns: tuple[str, ...]  # on the URL without its scheme; group "id" (and "kind") pick it apart
    player: str  # the iframe address, from the groups
    shape: str = "video"  # "video" (16:9) or "post" (tall)

    def match(self, url: str) -> re.Match | None:
        bare = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE)
        for pattern in self.patterns:
            found = re.fullmatch(pattern, bare)
            if found:
                return found
        return None


PROVIDERS = (
    Provider(
        "YouTube",
        "youtube",
        (
            r"(?:www\.|m\.)?youtube\.com/watch\?(?:.*&)?v=(?P<id>[\w-]{6,20})(?:&.*)?",
            r"(?:www\.)?youtube\.com/(?:embed|shorts|live)/(?P<id>[\w-]{6,20})(?:[?/].*)?",
            r"youtu\.be/(?P<id>[\w-]{6,20})(?:\?.*)?",
        ),
        "https://www.youtube-nocookie.com/embed/{id}",
    ),
    Provider(
        "Vimeo",
        "vimeo",
        (
            r"(?:www\.)?vimeo\.com/(?:video/)?(?P<id>\d{5,12})(?:[/?#].*)?",
            r"player\.vimeo\.com/video/(?P<id>\d{5,12})(?:\?.*)?",
        ),
        "https://player.vimeo.com/video/{id}?dnt=1",
    ),
    Provider(
        "X",
        "twitter",
        (r"(?:www\.|mobile\.)?(?:twitter|x)\.com/\w{1,15}/status/(?P<id>\d{5,25})(?:[/?#].*)?",),
        "https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true",
        "post",
    ),
    Provider(
        "Telegram",
        "telegram",
        (r"t\.me/(?P<id>[A-Za-z]\w{3,31}/\d{1,10})(?:\?.*)?",),
        "https://t.me/{id}?embed=1",
        "post",
    ),
    Provider(
        "Instagram",
        "instagram",
        (r"(?:www\.)?instagram\.com/(?:p|reel)/(?P<id>[\w-]{5,40})/?(?:\?.*)?",),
        "https://www.instagram.com/p/{id}/embed/",
        "post",
    ),
    Provider(
        "Spotify",
        "spotify",
        (r"open\.spotify\.com/(?P<kind>track|album|playlist|episode|show)/(?P<id>\w{10,40})(?:\?.*)?",),
        "https://open.spotify.com/embed/{kind}/{id}",
        "post",
    ),
    Provider(
        "TikTok",
        "tiktok",
        (r"(?:www\.)?tiktok\.com/@[\w.-]{1,40}/video/(?P<id>\d{5,25})(?:\?.*)?",),
        "https://www.tiktok.com/embed/v2/{id}",
        "post",
    ),
    Provider(
        "Dailymotion",
        "dailymotion",
        (r"(?:www\.)?dailymotion\.com/video/(?P<id>[a-z0-9]{5,12})(?:\?.*)?", r"dai\.ly/(?P<id>[a-z0-9]{5,12})"),
        "https://www.dailymotion.com/embed/video/{id}",
    ),
)


@dataclass(frozen=True)
class Embed:
    url: str
    provider: Provider
    player_url: str


def embed_for(url: str) -> Embed | None:
    """The embed a URL stands for, or None when no known provider serves it over HTTPS."""
    if not re.match(r"^https?://", url or "", flags=re.IGNORECASE) or len(url) > 500:
        return None
    for provider in PROVIDERS:
        found = provider.match(url)
        if found:
            parts = {name: quote(value, safe="/") for name, value in found.groupdict().items() if value}
            return Embed(url=url.strip(), provider=provider, player_url=provider.player.format(**parts))
    return None


def ckeditor_providers() -> list[dict]:
    """The media-embed providers for CKEditor's configuration (no previews: a URL placeholder).

    django-ckeditor-5 turns each "/…/" string of its configuration into a RegExp (but
    would join a list of them into one), so each pattern is an entry of its own;
    CKEditor matches them without "http(s)://" and "www.". JavaScript needs no group names.
    """
    return [
        {"name": provider.slug, "url": "/^" + re.sub(r"\(\?P<\w+>", "(", pattern) + "$/"}
        for provider in PROVIDERS
        for pattern in provider.patterns
    ]


_OEMBED = re.compile(r'<oembed url="([^"]+)"></oembed>')


def embed_url_of(block_html: str) -> str | None:
    """The URL of a media block (``<figure class="media">``), if it is one."""
    if not block_html.startswith('<figure class="media">'):
        return None
    found = _OEMBED.search(block_html)
    return found.group(1) if found else None


def player_origins() -> list[str]:
    """Where the players' iframes come from: the page's Content-Security-Policy frame-src."""
    origins = []
    for provider in PROVIDERS:
        scheme, _, rest = provider.player.partition("://")
        origin = f"{scheme}://{rest.split('/', 1)[0]}"
        if origin not in origins:
            origins.append(origin)
    return origins
