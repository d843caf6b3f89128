"""Choosing a photo by sight: the widget for a lead photo or an avatar, and what it asks the library.

``ImageChooserWidget`` shows the chosen photo (thumbnail, caption, credit) with
"Choose from the library", "Upload a new photo" and "Remove"; its dialog
(static/js/admin-image-chooser.js) searches the library as a grid of thumbnails and
uploads a new photo without leaving the form, its caption, credit and copyright
filled from the file's IPTC/EXIF as soon as the file is chosen. The JSON it reads
comes from ``ImageAdmin``'s chooser views (``media.admin``).
"""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from .metadata import read_embedded_metadata, shortened_note
from .models import Image
from .renditions import closest_rendition
from .validators import validate_image_file

CHOOSER_PAGE_SIZE = 24
THUMBNAIL_WIDTH = 160


def chooser_entry(image: Image) -> dict:
    """What the chooser shows of one photo (renditions prefetched, or the original is used)."""
    rendition = closest_rendition(image, THUMBNAIL_WIDTH * 2)
    return {
        "id": image.pk,
        "thumbnail": rendition.url if rendition else image.file.url,
        "label": str(image),
        "caption": image.caption,
        "credit": image.credit,
        "alt": image.alt_text,
        "size": f"{image.width}×{image.height}" if image.width else "",
        "needs_credit": not image.credit.strip(),
        "edit_url": reverse("admin:media_image_change", args=[image.pk]),
    }


def search_library(typed: str, *, page: int = 1) -> tuple[list[Image], bool]:
    """The newest photos whose caption, alt text or credit contain ``typed``, a page at a time."""
    images = Image.objects.order_by("-uploaded_at", "-id")
    for word in typed.split()[:5]:
        images = images.filter(Q(caption__icontains=word) | Q(alt_text__icontains=word) | Q(credit__icontains=word))
    start = (max(page, 1) - 1) * CHOOSER_PAGE_SIZE
    found = list(images[start : start + CHOOSER_PAGE_SIZE + 1])
    return found[:CHOOSER_PAGE_SIZE], len(found) > CHOOSER_PAGE_SIZE


def metadata_of_upload(upload) -> dict:
    """The caption, credit and copyright a chosen file carries, read without saving it,
    with a note for each one that was longer than the library's field allows."""
    validate_image_file(upload)  # the editor hears at once of a file the library refuses
    try:
        upload.seek(0)
        with PillowImage.open(upload) as picture:
            embedded = read_embedded_metadata(picture)
            width, height = picture.size
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise forms.ValidationError(_("This file is not a photo the library can read.")) from error
    finally:
        upload.seek(0)
    return {
        "caption": embedded.caption,
        "credit": embedded.credit,
        "copyright_holder": embedded.copyright_holder,
        "size": f"{width}×{height}",
        # By field: a caption, credit or copyright cut to its cap, to be shown beside it.
        "notes": {field: shortened_note(field) for field in sorted(embedded.shortened)},
    }


class ImageChooserWidget(forms.TextInput):
    """A photo chosen by sight; the id travels in a (hidden) text field autosave can fill."""

    template_name = "media/widgets/image_chooser.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = None
        if value not in (None, ""):
            image = Image.objects.filter(pk=value)
            chosen = next((chooser_entry(found) for found in image), None)
        context["widget"].update(
            {
                "chosen": chosen,
                "search_url": reverse("admin:media_image_chooser"),
                "upload_url": reverse("admin:media_image_chooser_upload"),
                "metadata_url": reverse("admin:media_image_metadata"),
            }
        )
        return context
