"""Caption, credit and copyright embedded in a photo by its agency.

Agency photos carry IPTC fields (caption/abstract, by-line, credit, copyright
notice) and often EXIF (ImageDescription, Artist, Copyright). The image library
pre-fills its own fields from them so an editor rarely has to type a credit.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, IptcImagePlugin
from PIL import Image as PillowImage

IPTC_CAPTION = (2, 120)
IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_SOURCE = (2, 115)
IPTC_COPYRIGHT = (2, 116)


@dataclass(frozen=True)
class EmbeddedMetadata:
    caption: str = ""
    credit: str = ""
    copyright_holder: str = ""
    # The fields whose embedded text was longer than its cap, so only its beginning is here.
    shortened: frozenset[str] = frozenset()


# A photo's own text is prefilled into the library's fields, never more than this: a
# 10 MB EXIF description must not become a 10 MB caption on every page and feed.
MAX_CAPTION_LENGTH = 2_000
MAX_CREDIT_LENGTH = 255
LIMITS = {"caption": MAX_CAPTION_LENGTH, "credit": MAX_CREDIT_LENGTH, "copyright_holder": MAX_CREDIT_LENGTH}
FIELD_NAMES = {"caption": _("caption"), "credit": _("credit"), "copyright_holder": _("copyright holder")}


def shortened_note(field: str) -> str:
    """What the editor is told about a field filled with the beginning of a longer text."""
    return _(
        "The photo's own %(field)s is longer than %(limit)s characters: only its first %(limit)s were "
        "filled in. Check where it ends."
    ) % {"field": FIELD_NAMES[field], "limit": number_format(LIMITS[field], force_grouping=True)}


def _text(value, limit: int = MAX_CAPTION_LENGTH) -> str:
    """IPTC values are bytes (sometimes a list of them); EXIF values are str. At most ``limit`` characters."""
    if isinstance(value, list):
        value = value[0] if value else b""
    if isinstance(value, bytes | str):
        value = value[: limit * 4]  # before decoding: the rest would be cut anyway
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return " ".join(str(value or "").replace("\x00", "").split())[:limit]


def _first_text(*values, limit: int) -> str:
    """The first of ``values`` with any text, one character over ``limit`` if it is longer."""
    return next((text for value in values if (text := _text(value, limit + 1))), "")


def read_embedded_metadata(image: PillowImage.Image) -> EmbeddedMetadata:
    """The best caption, credit and copyright the photo itself carries.

    The credit follows the newsroom convention "Photographer/Agency" when both a
    by-line and a credit (or source) are present. A text longer than its field's cap
    keeps its beginning, and the field is named in ``shortened``.
    """
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except (SyntaxError, ValueError, OSError, IndexError):
        iptc = {}
    exif = image.getexif()

    byline = _first_text(iptc.get(IPTC_BYLINE), exif.get(ExifTags.Base.Artist), limit=MAX_CREDIT_LENGTH)
    agency = _first_text(iptc.get(IPTC_CREDIT), iptc.get(IPTC_SOURCE), limit=MAX_CREDIT_LENGTH)
    found = {
        "caption": _first_text(
            iptc.get(IPTC_CAPTION), exif.get(ExifTags.Base.ImageDescription), limit=MAX_CAPTION_LENGTH
        ),
        "credit": f"{byline}/{agency}" if byline and agency and byline != agency else byline or agency,
        "copyright_holder": _first_text(
            iptc.get(IPTC_COPYRIGHT), exif.get(ExifTags.Base.Copyright), limit=MAX_CREDIT_LENGTH
        ),
    }
    return EmbeddedMetadata(
        **{field: text[: LIMITS[field]].rstrip() for field, text in found.items()},
        shortened=frozenset(field for field, text in found.items() if len(text) > LIMITS[field]),
    )
