"""What the image library accepts: real photos of sane size and shape, judged by content.

Every upload path (the photo form, the rich-text editor's upload, the photo chooser)
calls ``validate_image_file``; the photo form also calls ``validate_kept_animation``
when an editor asks for an animation to be shown as it is. The limits, and why:

- ``MAX_UPLOAD_BYTES`` (25 MB): a full-size agency JPEG is a few megabytes.
- ``MAX_PIXELS`` (50 megapixels, e.g. 8,660 × 5,773), read from the file's header before
  anything is decoded: the largest press cameras make 45; a 7 kB PNG claiming 59
  megapixels used to cost 3 seconds and 320 MB of a worker's memory. Pillow itself is
  given the same limit (``MediaConfig.ready``), so nothing else opens a bigger one.
- ``MAX_ASPECT_RATIO`` (10 to 1): a wide panorama or a tall infographic fits; a
  1 × 60,000 strip, which no page can show, does not.
- ``MAX_SIDE`` (16,383 pixels): the most a WebP rendition can measure; a photo never
  gets a rendition larger than itself, so each of its renditions can be made.
- A file must decode completely: a photo cut off in copying gave renditions that failed
  and readers a half-grey original.
- An animation shown as it is (``Image.is_animation_kept``) has at most
  ``MAX_KEPT_FRAMES`` (300) frames and ``MAX_KEPT_ANIMATION_PIXELS`` (50 megapixels) in
  all its frames together, the most a reader's browser is asked to decode. Any other
  animation is accepted and shown as a still of its first frame.
"""

import warnings

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import ImageSequence, UnidentifiedImageError

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_ASPECT_RATIO = 10
MAX_SIDE = 16_383
MAX_KEPT_FRAMES = 300
MAX_KEPT_ANIMATION_PIXELS = MAX_PIXELS
# MPO is how Pillow names the JPEGs many phones write (a photo plus a preview);
# they are stored as plain JPEGs by media.processing.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
JPEG_FORMATS = {"JPEG", "MPO"}
# The formats whose frames are an animation (an MPO's second picture is only a preview).
ANIMATION_FORMATS = {"GIF", "PNG", "WEBP"}
# A JPEG is decoded at an eighth of its size to be checked: every byte of it is still read
# and decoded, so a cut-off file is found, in a sixty-fourth of the memory.
JPEG_CHECK_SCALE = 8
# What Pillow raises for a file that breaks off or contradicts itself, whichever its format.
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, ZeroDivisionError)

DAMAGED = _(
    "This image file is incomplete or damaged: it may have been cut off while it was copied "
    "or uploaded. Save or export the photo again and upload the new file."
)
NOT_AN_IMAGE = _("This file is not a photo we can use. Upload a JPEG, PNG, WebP or GIF image.")
TOO_MANY_PIXELS = _(
    "The image is %(width)s×%(height)s pixels (%(megapixels)s megapixels); the limit is 50 megapixels. "
    "Export it smaller, e.g. at most 8,000 pixels on its longer side."
)
FAR_TOO_MANY_PIXELS = _(
    "The image has far more than 50 megapixels, the limit. Export it smaller, "
    "e.g. at most 8,000 pixels on its longer side."
)
TOO_LONG = _(
    "The image is %(width)s×%(height)s pixels: its longer side is more than 10 times its shorter one, "
    "and the limit is 10 to 1. Crop it, or split a long graphic into parts."
)
TOO_WIDE = _(
    "The image is %(width)s×%(height)s pixels; its longer side may be at most 16,383 pixels. Export it smaller."
)


class ZeroSizeError(Exception):
    """A header claiming no pixels at all."""


def is_animation(picture: PillowImage.Image) -> bool:
    return picture.format in ANIMATION_FORMATS and getattr(picture, "is_animated", False)


def validate_image_file(upload) -> None:
    """Raise ValidationError unless ``upload`` is a JPEG, PNG, WebP or GIF we can store.

    The format is read from the file's content, never its name, and the size and shape
    from its header before any decoding, so a decompression bomb is refused cheaply. Then
    the picture (an animation's first frame) is decoded in full.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    upload.seek(0)
    try:
        # Pillow warns above MAX_PIXELS of what _check_header refuses next, with the
        # dimensions in its message. (The filter is the process's: a warning elsewhere in
        # that instant would be lost, nothing worse.)
        with (
            warnings.catch_warnings(action="ignore", category=PillowImage.DecompressionBombWarning),
            PillowImage.open(upload) as picture,
        ):
            _check_header(picture)
            _decode(picture)
    except (UnidentifiedImageError, ZeroSizeError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    except PillowImage.DecompressionBombError:
        # Pillow's own limit, at twice MAX_PIXELS, stops it before we see its dimensions.
        raise ValidationError(FAR_TOO_MANY_PIXELS, code="too_many_pixels") from None
    except DECODING_ERRORS:
        raise ValidationError(DAMAGED, code="damaged") from None
    finally:
        upload.seek(0)


def _check_header(picture: PillowImage.Image) -> None:
    if picture.format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(format)s files are not accepted. Upload a JPEG, PNG, WebP or GIF image."),
            code="format",
            params={"format": picture.format or _("This kind of")},
        )
    width, height = picture.size
    if not width or not height:
        raise ZeroSizeError
    if width * height > MAX_PIXELS:
        raise ValidationError(
            TOO_MANY_PIXELS,
            code="too_many_pixels",
            params={"width": width, "height": height, "megapixels": round(width * height / 1_000_000)},
        )
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        raise ValidationError(TOO_LONG, code="aspect_ratio", params={"width": width, "height": height})
    if max(width, height) > MAX_SIDE:
        raise ValidationError(TOO_WIDE, code="too_wide", params={"width": width, "height": height})


def _decode(picture: PillowImage.Image) -> None:
    if picture.format in JPEG_FORMATS:
        picture.draft(None, (-(-picture.width // JPEG_CHECK_SCALE), -(-picture.height // JPEG_CHECK_SCALE)))
    picture.load()


def validate_kept_animation(file) -> None:
    """Raise ValidationError unless ``file`` (an upload, or a library image's stored file)
    is an animation within the limits for showing it as it is; every frame is decoded."""
    file.seek(0)
    try:
        with PillowImage.open(file) as picture:
            if not is_animation(picture):
                raise ValidationError(
                    _("This image is not animated, so there is no animation to keep."), code="not_animated"
                )
            frames = picture.n_frames
            if frames > MAX_KEPT_FRAMES:
                raise ValidationError(
                    _(
                        "This animation has %(frames)s frames; one shown as it is may have at most 300 frames. "
                        "Shorten it, or leave this off to show its first frame as a still."
                    ),
                    code="too_many_frames",
                    params={"frames": frames},
                )
            if frames * picture.width * picture.height > MAX_KEPT_ANIMATION_PIXELS:
                raise ValidationError(
                    _(
                        "This animation has %(frames)s frames of %(width)s×%(height)s pixels; one shown as it is "
                        "may have at most 50 megapixels in all its frames together. Make it smaller or shorter, "
                        "or leave this off to show its first frame as a still."
                    ),
                    code="too_many_pixels",
                    params={"frames": frames, "width": picture.width, "height": picture.height},
                )
            for frame in ImageSequence.Iterator(picture):
                frame.load()
    except (UnidentifiedImageError, PillowImage.DecompressionBombError, *DECODING_ERRORS):
        raise ValidationError(DAMAGED, code="damaged") from None
    finally:
        file.seek(0)
