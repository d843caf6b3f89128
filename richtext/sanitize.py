"""Rich text from the editor, reduced to the markup the site's templates expect.

Article bodies and author bios are written in CKEditor but stored and rendered as
HTML, so whatever reaches the database must be safe to print with ``|safe``: the
editor's own output survives unchanged, anything pasted or forged (scripts, event
handlers, ``javascript:`` links, iframes, inline styles) does not. Embedded posts
and videos survive only as CKEditor's ``<oembed url>`` for a known provider
(``richtext.embeds``).
"""

import html
import posixpath
import re
from urllib.parse import unquote, urlsplit

import nh3
from django.conf import settings

from .embeds import embed_for

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "hr",
        "oembed",
    }
)

# Dropped together with their content: code, embedded documents and foreign markup
# whose text would be meaningless (or a payload shown as text) once the tag is gone.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "template",
        "iframe",
        "frame",
        "frameset",
        "noframes",
        "noembed",
        "noscript",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "select",
        "textarea",
        "title",
        "xmp",
        "plaintext",
    }
)

ALLOWED_ATTRIBUTES = {
    # An empty "*" entry clears nh3's default global attributes (lang, title).
    "*": set(),
    "a": {"href", "title"},
    "figure": {"class"},
    "oembed": {"url"},
    "img": {"src", "alt", "width", "height", "srcset", "sizes"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}

# Classes CKEditor 5 puts on figures: image and table figures, and the image styles
# (alignment, resizing) its image toolbar can apply. Other classes are dropped.
FIGURE_CLASSES = frozenset(
    {
        "image",
        "image_resized",
        "image-style-side",
        "image-style-align-left",
        "image-style-align-right",
        "image-style-align-center",
        "image-style-block-align-left",
        "image-style-block-align-right",
        "table",
        "media",
    }
)

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
IMAGE_SCHEMES = frozenset({"http", "https"})
EXTERNAL_LINK_REL = "noopener"
MAX_EXTRA_PASSES = 3

_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# What browsers ignore in URLs: leading/trailing C0 controls and spaces, and any tab or newline.
_URL_EDGE_NOISE = "".join(chr(code) for code in range(0x21))
_URL_INNER_NOISE = re.compile(r"[\t\n\r]")
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,5}$")
# nh3 serialises every attribute as name="value", with <, > and " escaped inside
# values, so these patterns see only real tags and real attributes.
_ANCHOR_START_TAG = re.compile(r"<a((?: [^\s=\"]+=\"[^\"]*\")*)>")
_EMPTY_EMBED = re.compile(r'(?:<figure class="media">\s*)?<oembed>[^<]*</oembed>(?:\s*</figure>)?')
_IMAGE_WITHOUT_SOURCE = re.compile(r'<img(?![^>]* src=")[^>]*>')
_ATTRIBUTE = re.compile(r" ([^\s=\"]+)=\"([^\"]*)\"")


def sanitize_rich_text(html_text: str | None) -> str:
    """Return ``html_text`` with only the allowlisted markup, safe to render unescaped.

    Links to other sites get ``rel="noopener"``; links within the site (relative,
    or absolute to the host in ``settings.SITE_URL``) and mailto links get no rel.
    Any rel or target in the input is discarded. Applying it twice changes nothing.
    """
    if not html_text:
        return ""
    cleaned = _clean(html_text)
    # Dropping a wrapper such as <div> or <pre> can leave nesting the HTML parser
    # never builds (a heading inside a heading, a link inside a link), which the next
    # parse reshapes. Cleaning until nothing changes keeps the function idempotent;
    # one extra pass settles even tag soup.
    for _ in range(MAX_EXTRA_PASSES):
        again = _clean(cleaned)
        if again == cleaned:
            break
        cleaned = again
    cleaned = _EMPTY_EMBED.sub("", cleaned)  # an embed whose address was refused
    cleaned = _IMAGE_WITHOUT_SOURCE.sub("", cleaned)  # an image from outside the library
    return _ANCHOR_START_TAG.sub(_mark_external_link, cleaned)


def _clean(html_text: str) -> str:
    return nh3.clean(
        html_text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        url_schemes=set(LINK_SCHEMES),
        strip_comments=True,
        # nh3 would put the same rel on every link, internal ones included.
        link_rel=None,
    )


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Narrow attribute values nh3 lets through by name; it has already refused other URL schemes."""
    if name == "class":
        kept = dict.fromkeys(css_class for css_class in value.split() if css_class in FIGURE_CLASSES)
        return " ".join(kept) or None
    if name == "url":
        # An embed is kept only as the address of a post or video at a known provider.
        return value if tag == "oembed" and embed_for(value) is not None else None
    if name == "href":
        return value if _is_acceptable_url(value, LINK_SCHEMES) else None
    if name == "src":
        return value if _is_library_image(value) else None
    if name == "srcset":
        urls = [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
        return value if urls and all(_is_library_image(url) for url in urls) else None
    if name in {"width", "height", "colspan", "rowspan"}:
        return value.strip() if _WHOLE_NUMBER.match(value.strip()) else None
    return value


def _is_library_image(url: str) -> bool:
    """An image from the photo library (under ``MEDIA_URL``), on this site or on the
    library's own host. Anything else — a tracking pixel, a picture hot-linked from
    another site — would be fetched from elsewhere by every reader."""
    if not _is_acceptable_url(url, IMAGE_SCHEMES):
        return False
    try:
        parts = urlsplit(_as_browsers_read_it(url))
        library = urlsplit(settings.MEDIA_URL)
        site_host = urlsplit(getattr(settings, "SITE_URL", "") or "").hostname
        host = parts.hostname
    except ValueError:
        return False
    if parts.netloc and host not in {library.hostname, site_host} - {None}:
        return False
    path = posixpath.normpath(unquote(parts.path))
    return path.startswith(library.path.rstrip("/") + "/")


def _is_acceptable_url(url: str, schemes: frozenset[str]) -> bool:
    """An absolute URL with one of ``schemes``, or a well-formed relative one.

    A relative reference may not have a colon in its first segment (RFC 3986, 4.2);
    refusing those drops look-alikes such as "`javascript:...`" that some browsers
    once read as a scheme.
    """
    url = _URL_INNER_NOISE.sub("", url.strip(_URL_EDGE_NOISE))
    match = _URL_SCHEME.match(url)
    if match:
        return match.group(1).lower() in schemes
    return ":" not in re.split(r"[/?#]", url, maxsplit=1)[0]


def _mark_external_link(match: re.Match) -> str:
    attributes = match.group(1)
    href = next((value for name, value in _ATTRIBUTE.findall(attributes) if name == "href"), None)
    if href is None or not _is_external(html.unescape(href)):
        return match.group(0)
    return f'<a{attributes} rel="{EXTERNAL_LINK_REL}">'


def _as_browsers_read_it(url: str) -> str:
    """``url`` without what browsers ignore in it, backslashes read as slashes (as browsers
    do in http(s) URLs, so "/\\evil.example" leaves the site)."""
    return _URL_INNER_NOISE.sub("", url.strip(_URL_EDGE_NOISE)).replace("\\", "/")


def _is_external(href: str) -> bool:
    url = _as_browsers_read_it(href)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return True
    if parts.scheme.lower() not in {"", "http", "https"} or not host:
        return False
    return host != urlsplit(getattr(settings, "SITE_URL", "") or "").hostname
