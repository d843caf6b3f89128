"""Creating library images outside the image admin form."""

from pathlib import PurePath

from django.contrib.auth.models import AbstractBaseUser

from .models import Image
from .processing import normalise_photo


def uploader_credit(user: AbstractBaseUser) -> str:
    profile = getattr(user, "author_profile", None)
    return (profile.name if profile else "") or user.get_full_name() or user.get_username()


def create_image_from_upload(*, upload, uploaded_by: AbstractBaseUser) -> Image:
    """File a photo uploaded from the rich-text editor in the library.

    The editor sends only the file, so caption, credit and copyright come from the
    photo's embedded metadata; when it carries no credit, the uploader is credited
    and the photo desk can correct it in the library. Alt text starts as the caption
    (or the file name) for the same reason.
    """
    image = Image(file=upload, uploaded_by=uploaded_by)
    image.fill_from_embedded_metadata()
    image.file = normalise_photo(upload)  # after reading the metadata it may drop
    image.credit = image.credit or uploader_credit(uploaded_by)[:255]
    fallback_alt = PurePath(upload.name).stem.replace("_", " ").replace("-", " ").strip() or "Photo"
    image.alt_text = (image.caption or fallback_alt)[:300]
    image.save()
    return image
