"""Photos as the library stores them: upright, without the photographer's location, and
carrying only the metadata the newsroom needs.

Phones record which way up they were held instead of turning the pixels, and where
the photo was taken. Browsers mostly honour the first but every crop, thumbnail and
feed reader has to as well, and the second can reveal a source's home. So the stored
file has its pixels turned upright and no GPS data (in EXIF or XMP).

Metadata is kept where it is of use (the photographer, the copyright, the camera and
date, the colour profile), but never in a size that only weighs: a colour profile over
``MAX_ORIGINAL_PROFILE_BYTES`` (1 MB; the standard ones are a few kilobytes, a print
CMYK one well under a megabyte) has the pixels converted to sRGB and goes, and an EXIF
block, an XMP packet, a PNG text or a JPEG's other segments over ``MAX_METADATA_BYTES``
(256 kB) go whole. Caption, credit and copyright were read before this step (capped,
``media.metadata``).

Files that need none of this are stored byte for byte, so a photo is never re-compressed
for nothing; the few that do are saved again at quality 90 (PNG and lossless WebP stay
lossless). GIFs are always stored as uploaded: they carry no EXIF or colour profile, and
saving one again can spoil its animation; no metadata of theirs reaches a page, whose
renditions are pixels only.
"""

import io

from django.core.files.base import ContentFile
from PIL import ExifTags, ImageOps, ImageSequence
from PIL import Image as PillowImage
from PIL.PngImagePlugin import PngInfo

from .colour import to_srgb
from .validators import MAX_KEPT_ANIMATION_PIXELS, MAX_KEPT_FRAMES

JPEG_QUALITY = 90
WEBP_QUALITY = 90
ORIENTATION_TAG = ExifTags.Base.Orientation
GPS_IFD_TAG = ExifTags.IFD.GPSInfo
UPRIGHT = 1
# XMP giving a location is dropped whole rather than edited: the caption and credit it
# may also carry were read before this step. (Pillow itself removes its orientation.)
XMP_LOCATION_MARKERS = (b"GPSLatitude", b"GPSLongitude")
ANIMATED_FORMATS = {"PNG", "WEBP"}
PNG_XMP_KEY = "XML:com.adobe.xmp"
MAX_ORIGINAL_PROFILE_BYTES = 1024 * 1024
MAX_METADATA_BYTES = 256 * 1024
# The JPEG segments Pillow writes again itself; the others (IPTC, Photoshop's, vendors')
# are lost when a JPEG is saved again, which is why they are measured apart.
JPEG_REWRITTEN_SEGMENTS = (b"Exif\x00\x00", b"http://ns.adobe.com/xap/1.0/\x00", b"ICC_PROFILE\x00", b"JFIF\x00")


def normalise_photo(upload) -> ContentFile:
    """Return the file to store for ``upload``, an image that passed ``validate_image_file``.

    The pixels are turned upright and the orientation tag dropped, the GPS block of the
    EXIF data and XMP giving a location are removed, and oversized metadata goes (see the
    module's docstring); the rest of the EXIF, a colour profile of standard size and the
    format are kept. GIFs, and images needing none of this, come back unchanged.
    """
    upload.seek(0)
    original = upload.read()
    upload.seek(0)
    with PillowImage.open(io.BytesIO(original)) as picture:
        if not _needs_rewrite(picture):
            return ContentFile(original, name=upload.name)
        rewritten = _rewrite(picture, original)
    return ContentFile(rewritten, name=upload.name)


def _needs_rewrite(picture: PillowImage.Image) -> bool:
    if picture.format == "GIF":
        # GIF has no EXIF, so no orientation or location, and re-saving can spoil animations.
        return False
    exif = picture.getexif()
    return (
        exif.get(ORIENTATION_TAG, UPRIGHT) != UPRIGHT
        or GPS_IFD_TAG in exif
        or _has_location(picture.info.get("xmp"))
        or _profile_is_oversized(picture.info.get("icc_profile"))
        or _is_oversized(picture.info.get("exif"))
        or _is_oversized(picture.info.get("xmp"))
        or any(_is_oversized(value) for value in _png_texts(picture).values())
        or _is_oversized(b"".join(_other_jpeg_segments(picture)))
    )


def _has_location(xmp: bytes | None) -> bool:
    return bool(xmp) and any(marker in xmp for marker in XMP_LOCATION_MARKERS)


def _is_oversized(block: bytes | str | None) -> bool:
    return block is not None and len(block) > MAX_METADATA_BYTES


def _profile_is_oversized(icc_profile: bytes | None) -> bool:
    return icc_profile is not None and len(icc_profile) > MAX_ORIGINAL_PROFILE_BYTES


def _png_texts(picture: PillowImage.Image) -> dict[str, str]:
    """A PNG's text chunks as far as read without decoding (those before its pixels)."""
    if picture.format != "PNG":
        return {}
    return {key: value for key, value in picture.info.items() if isinstance(value, str)}


def _other_jpeg_segments(picture: PillowImage.Image) -> list[bytes]:
    applist = getattr(picture, "applist", [])
    return [data for _marker, data in applist if not data.startswith(JPEG_REWRITTEN_SEGMENTS)]


def _rewrite(picture: PillowImage.Image, original: bytes) -> bytes:
    image_format = "JPEG" if picture.format == "MPO" else picture.format
    animated = image_format in ANIMATED_FORMATS and getattr(picture, "n_frames", 1) > 1
    # Frames beyond what could ever be kept are not held in memory all at once: the
    # file keeps its first frame, which is what pages show of such an animation anyway.
    animated = animated and _keepable(picture)
    png_text = dict(picture.text) if image_format == "PNG" else {}
    icc_profile = picture.info.get("icc_profile")
    to_convert = _profile_is_oversized(icc_profile)

    frames, durations, upright_info = [], [], None
    for frame in ImageSequence.Iterator(picture):
        upright = ImageOps.exif_transpose(frame)
        # Read after exif_transpose has loaded the frame: WebP sets its duration on load.
        durations.append(frame.info.get("duration", 0))
        # Pillow took the orientation out of the turned picture's copy of the XMP.
        upright_info = upright_info or dict(upright.info)
        frames.append(to_srgb(upright, icc_profile) if to_convert else upright)
        if not animated:
            # Only the main picture of an MPO (a phone JPEG with a preview) is kept.
            break
    upright = frames[0]
    xmp = upright_info.get("xmp")
    # Edited only now: Pillow caches the Exif object, and exif_transpose reads it per frame.
    exif = picture.getexif()
    exif.pop(ORIENTATION_TAG, None)
    exif.pop(GPS_IFD_TAG, None)
    exif_bytes = exif.tobytes() if len(exif) else b""

    # Every piece of metadata is named here, so nothing is carried over unasked.
    options = {"icc_profile": None if to_convert else icc_profile}
    if exif_bytes and not _is_oversized(exif_bytes):
        options["exif"] = exif_bytes
    if picture.info.get("dpi"):
        options["dpi"] = picture.info["dpi"]
    if animated:
        # Pillow hands out animation frames fully composed, so they are saved as such.
        options.update(save_all=True, append_images=frames[1:], duration=durations, loop=picture.info.get("loop", 0))
    if image_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=bool(picture.info.get("progressive")))
    elif image_format == "WEBP":
        lossless = _is_lossless_webp(original)
        options.update(lossless=lossless, quality=100 if lossless else WEBP_QUALITY)
    if image_format == "PNG":
        options["pnginfo"] = _png_text(png_text, upright_info)
    elif xmp and not _has_location(xmp) and not _is_oversized(xmp):
        options["xmp"] = xmp

    buffer = io.BytesIO()
    upright.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _keepable(picture: PillowImage.Image) -> bool:
    frames = picture.n_frames
    return frames <= MAX_KEPT_FRAMES and frames * picture.width * picture.height <= MAX_KEPT_ANIMATION_PIXELS


def _png_text(text: dict[str, str], upright_info: dict) -> PngInfo:
    """The PNG's texts to keep: all but oversized ones, and XMP that gives no location."""
    info = PngInfo()
    for key, value in text.items():
        if _is_oversized(value):
            continue
        if key != PNG_XMP_KEY:
            info.add_text(key, value)
        elif not _has_location(upright_info.get("xmp")):
            info.add_itxt(key, upright_info.get(key, value))
    return info


def _is_lossless_webp(data: bytes) -> bool:
    """Whether the WebP's (first) picture is VP8L, the lossless codec, so it stays lossless."""
    position = 12  # after "RIFF", the file size and "WEBP"
    while position + 8 <= len(data):
        chunk = data[position : position + 4]
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        if chunk == b"VP8L":
            return True
        if chunk == b"VP8 ":
            return False
        if chunk == b"ANMF":
            position += 8 + 16  # into the frame: its 16-byte header, then its picture's chunks
            continue
        position += 8 + size + (size & 1)
    return False
