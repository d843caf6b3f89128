"""Photos as the library stores them: upright and without the photographer's location.

Phones record which way up they were held instead of turning the pixels, and where
the photo was taken. Browsers mostly honour the first but every crop, thumbnail and
feed reader has to as well, and the second can reveal a source's home. So the stored
file has its pixels turned upright and no GPS data. Anything else in the upload is
left as it was, and files that need neither change are stored byte for byte, so a
photo is never re-compressed for nothing.
"""

import io

from django.core.files.base import ContentFile
from PIL import ExifTags, ImageOps, ImageSequence
from PIL import Image as PillowImage
from PIL.PngImagePlugin import PngInfo

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


def normalise_photo(upload) -> ContentFile:
    """Return the file to store for ``upload``, an image that passed ``validate_image_file``.

    The pixels are turned upright and the orientation tag dropped, and the GPS block of
    the EXIF data is removed; other EXIF fields and the colour profile are kept, and so
    is the format. GIFs, and images needing neither change, come back unchanged.
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
        exif.get(ORIENTATION_TAG, UPRIGHT) != UPRIGHT or GPS_IFD_TAG in exif or _has_location(picture.info.get("xmp"))
    )


def _has_location(xmp: bytes | None) -> bool:
    return bool(xmp) and any(marker in xmp for marker in XMP_LOCATION_MARKERS)


def _rewrite(picture: PillowImage.Image, original: bytes) -> bytes:
    image_format = "JPEG" if picture.format == "MPO" else picture.format
    animated = image_format in ANIMATED_FORMATS and getattr(picture, "n_frames", 1) > 1
    png_text = dict(picture.text) if image_format == "PNG" else {}

    frames, durations = [], []
    for frame in ImageSequence.Iterator(picture):
        frames.append(ImageOps.exif_transpose(frame))
        # Read after exif_transpose has loaded the frame: WebP sets its duration on load.
        durations.append(frame.info.get("duration", 0))
        if not animated:
            # Only the main picture of an MPO (a phone JPEG with a preview) is kept.
            break
    upright = frames[0]
    xmp = upright.info.get("xmp")
    # Edited only now: Pillow caches the Exif object, and exif_transpose reads it per frame.
    exif = picture.getexif()
    exif.pop(ORIENTATION_TAG, None)
    exif.pop(GPS_IFD_TAG, None)

    options = {}
    if len(exif):
        options["exif"] = exif.tobytes()
    if picture.info.get("icc_profile"):
        options["icc_profile"] = picture.info["icc_profile"]
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
        options["pnginfo"] = _png_text(png_text, upright.info, keep_xmp=not _has_location(xmp))
    elif xmp and not _has_location(xmp):
        options["xmp"] = xmp

    buffer = io.BytesIO()
    upright.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def _png_text(text: dict[str, str], upright_info: dict, *, keep_xmp: bool) -> PngInfo:
    info = PngInfo()
    for key, value in text.items():
        if key != PNG_XMP_KEY:
            info.add_text(key, value)
        elif keep_xmp:
            # Pillow took the orientation out of the turned picture's copy of the XMP.
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
