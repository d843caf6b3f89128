"""What the image library accepts: real photos of sane size, judged by content."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000
# MPO is how Pillow names the JPEGs many phones write (a photo plus a preview);
# they are stored as plain JPEGs by media.processing.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}


def validate_image_file(upload) -> None:
    """Raise ValidationError unless ``upload`` is a JPEG, PNG, WebP or GIF we can store.

    The format is read from the file's content, never its name, and the pixel count
    from its header before any decoding, so a decompression bomb is refused cheaply.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(MAX_UPLOAD_BYTES)},
        )
    upload.seek(0)
    try:
        with PillowImage.open(upload) as picture:
            image_format = picture.format
            width, height = picture.size
            if image_format in ACCEPTED_FORMATS and width * height <= MAX_PIXELS:
                picture.verify()
    except (UnidentifiedImageError, PillowImage.DecompressionBombError):
        raise ValidationError(
            _("This file is not a photo we can use. Upload a JPEG, PNG, WebP or GIF image."), code="not_an_image"
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_("This image file is damaged or incomplete."), code="damaged") from None
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            _("%(format)s files are not accepted. Upload a JPEG, PNG, WebP or GIF image."),
            code="format",
            params={"format": image_format or _("This kind of")},
        )
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The image is %(width)s×%(height)s pixels; the limit is 60 megapixels."),
            code="too_many_pixels",
            params={"width": width, "height": height},
        )
