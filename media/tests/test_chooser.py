"""Choosing a photo by sight, reading a file's metadata before saving, and keeping a chosen file."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media.models import Image

from .factories import ImageFactory, jpeg_with_iptc, photo_bytes
from .test_image_upload import AGENCY_PHOTO, image_form

pytestmark = pytest.mark.django_db


def upload(name="photo.jpg", data=None):
    return SimpleUploadedFile(name, data or photo_bytes(), content_type="image/jpeg")


def test_the_chooser_searches_the_library_newest_first_with_caption_and_credit(client, reporter):
    ImageFactory(caption="Tanks on the road", credit="A/B")
    wanted = ImageFactory(caption="Harvest in Poltava", credit="Olha Photographer/Agency")
    response = client.get(reverse("admin:media_image_chooser"), {"q": "poltava"})
    assert response.status_code == 200
    [entry] = response.json()["results"]
    assert (entry["id"], entry["caption"], entry["credit"]) == (wanted.pk, "Harvest in Poltava", wanted.credit)
    assert entry["thumbnail"].startswith("/uploads/")
    one = client.get(reverse("admin:media_image_chooser"), {"id": wanted.pk}).json()["results"]
    assert [found["id"] for found in one] == [wanted.pk]


def test_the_chooser_is_for_signed_in_staff(client):
    assert client.get(reverse("admin:media_image_chooser")).status_code == 302


def test_a_photo_uploaded_from_the_chooser_follows_the_library_rules(client, editor):
    url = reverse("admin:media_image_chooser_upload")
    refused = client.post(url, {"file": upload(), "alt_text": "A field", "caption": "", "credit": ""})
    assert refused.status_code == 400 and "credit" in refused.json()["errors"]
    assert not Image.objects.exists()

    accepted = client.post(url, {"file": upload(), "alt_text": "A field", "credit": "Staff/Newsroom"})
    assert accepted.status_code == 200
    image = Image.objects.get()
    assert accepted.json()["image"]["id"] == image.pk
    assert image.uploaded_by == editor and image.credit == "Staff/Newsroom"


def test_a_files_metadata_is_read_without_saving_it(client, editor):
    response = client.post(
        reverse("admin:media_image_metadata"), {"file": upload("strike.jpg", jpeg_with_iptc(AGENCY_PHOTO))}
    )
    assert response.json() == {
        "caption": "Rescuers work at the site of a strike.",
        "credit": "Jane Photographer/Agency Images",
        "copyright_holder": "Agency Images",
        "size": "64×48",
        "notes": {},
    }
    assert not Image.objects.exists()
    bad = client.post(reverse("admin:media_image_metadata"), {"file": upload("notes.jpg", b"not a photo")})
    assert bad.status_code == 400 and "not a photo" in bad.json()["error"]


def test_a_form_error_keeps_the_chosen_file(superuser_client):
    first = superuser_client.post(reverse("admin:media_image_add"), image_form(file=upload("harvest.jpg")))
    assert first.status_code == 200 and "credit" in first.context["adminform"].form.errors
    page = first.content.decode()
    assert "Kept: harvest.jpg. No need to choose it again." in page
    token = re.search(r'name="kept_upload" value="([^"]+)"', page).group(1)

    second = superuser_client.post(
        reverse("admin:media_image_add"), image_form(kept_upload=token, credit="Staff/Newsroom")
    )
    assert second.status_code == 302, second.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.file.name.startswith("images/") and image.width == 64


def test_a_forged_kept_upload_token_is_ignored(superuser_client):
    response = superuser_client.post(
        reverse("admin:media_image_add"), image_form(kept_upload="kept-uploads/../../etc/passwd", credit="X/Y")
    )
    assert response.status_code == 200 and "file" in response.context["adminform"].form.errors
