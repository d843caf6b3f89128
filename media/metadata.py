"""Caption, credit and copyright embedded in a photo by its agency.

Agency photos carry IPTC fields (caption/abstract, by-line, credit, copyright
notice) and often EXIF (ImageDescription, Artist, Copyright). The image library
pre-fills its own fields from them so an editor rarely has to type a credit.
"""

from dataclasses import dataclass

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


# A photo's own text is prefilled into the library's fields, never more than this: a
# 10 MB EXIF description must not become a 10 MB caption on every page and feed.
MAX_CAPTION_LENGTH = 2_000
MAX_CREDIT_LENGTH = 255


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


def read_embedded_metadata(image: PillowImage.Image) -> EmbeddedMetadata:
    """The best caption, credit and copyright the photo itself carries.

    The credit follows the newsroom convention "Photographer/Agency" when both a
    by-line and a credit (or source) are present.
    """
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except (SyntaxError, ValueError, OSError, IndexError):
        iptc = {}
    exif = image.getexif()

    byline = _text(iptc.get(IPTC_BYLINE), MAX_CREDIT_LENGTH) or _text(exif.get(ExifTags.Base.Artist), MAX_CREDIT_LENGTH)
    agency = _text(iptc.get(IPTC_CREDIT), MAX_CREDIT_LENGTH) or _text(iptc.get(IPTC_SOURCE), MAX_CREDIT_LENGTH)
    credit = f"{byline}/{agency}" if byline and agency and byline != agency else byline or agency
    credit = credit[:MAX_CREDIT_LENGTH]

    caption = _text(iptc.get(IPTC_CAPTION)) or _text(exif.get(ExifTags.Base.ImageDescription))
    copyright_holder = _text(iptc.get(IPTC_COPYRIGHT), MAX_CREDIT_LENGTH) or _text(
        exif.get(ExifTags.Base.Copyright), MAX_CREDIT_LENGTH
    )
    return EmbeddedMetadata(caption=caption, credit=credit, copyright_holder=copyright_holder)
