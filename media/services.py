"""Creating library images outside the image admin form, and making their renditions."""

import logging
from collections.abc import Iterable
from pathlib import PurePath

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .events import image_saved
from .models import Image
from .processing import normalise_photo
from .renditions import CROPS, FOCAL_CROPS, build_renditions, delete_renditions

logger = logging.getLogger(__name__)


def schedule_renditions(*, image: Image, outdated_crops: Iterable[str] = ()) -> None:
    """Make ``image``'s missing renditions once the current transaction has committed.

    After the commit, so the upload is kept whatever happens while resizing; and a
    failure is logged, not raised, so the editor's save still succeeds and pages show
    the original until ``manage.py build_renditions`` is run. Renditions of
    ``outdated_crops`` (all of them when the photo was replaced, the cropped ones when
    the focal point moved) are deleted at once, inside the transaction, so no page keeps
    showing the previous picture while the new renditions are made.
    """
    outdated_crops = list(outdated_crops)
    if outdated_crops:
        delete_renditions(image, crops=outdated_crops)
    transaction.on_commit(lambda: _build_renditions_after_commit(image.pk))


def _build_renditions_after_commit(image_id: int) -> None:
    image = Image.objects.filter(pk=image_id).first()
    if image is None:  # deleted in the meantime
        return
    try:
        build_renditions(image)
    except Exception:
        logger.exception("Could not make the renditions of image %s; run manage.py build_renditions", image_id)


def save_image(
    *, image: Image, changed_fields: Iterable[str] = (), uploaded_by: AbstractBaseUser | None = None
) -> Image:
    """Save a library image from its form, remake what its change outdated, and say so.

    A new image (``uploaded_by`` given) gets all its renditions, a new file remakes
    all of them, a moved focal point the cropped ones; the apps that show the photo
    hear of it through ``media.events.image_saved``.
    """
    changed = frozenset(changed_fields)
    with transaction.atomic():
        if uploaded_by is not None:
            image.uploaded_by = uploaded_by
        image.save()
        if uploaded_by is not None:
            schedule_renditions(image=image)
        elif "file" in changed:
            schedule_renditions(image=image, outdated_crops=list(CROPS))
        elif {"focal_point_x", "focal_point_y"} & changed:
            schedule_renditions(image=image, outdated_crops=FOCAL_CROPS)
        image_saved.send(sender=Image, image_id=image.pk, changed_fields=changed)
    return image


def create_image_from_upload(*, upload, uploaded_by: AbstractBaseUser) -> Image:
    """File a photo uploaded from the rich-text editor in the library.

    The editor sends only the file, so caption, credit and copyright come from the
    photo's embedded metadata. CKEditor's upload cannot ask for a credit, so a photo
    that carries none is filed without one: pages show no credit rather than the
    uploader's name passed off as the photographer's, and the library lists it under
    "Needs a credit" for the photo desk. Alt text starts as the caption (or the file
    name); the alt typed in the editor is what the page shows.
    """
    image = Image(file=upload, uploaded_by=uploaded_by)
    image.fill_from_embedded_metadata()
    image.file = normalise_photo(upload)  # after reading the metadata it may drop
    fallback_alt = PurePath(upload.name).stem.replace("_", " ").replace("-", " ").strip() or "Photo"
    image.alt_text = (image.caption or fallback_alt)[:300]
    with transaction.atomic(), reversion.create_revision():
        image.save()
        reversion.set_user(uploaded_by)
        reversion.set_comment("Uploaded from the article editor")
        schedule_renditions(image=image)
    return image
