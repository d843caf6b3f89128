import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media.metadata import IPTC_BYLINE, IPTC_CAPTION, IPTC_COPYRIGHT, IPTC_CREDIT
from media.models import Image

from .factories import ImageFactory, jpeg_with_iptc, photo_bytes

pytestmark = pytest.mark.django_db

AGENCY_PHOTO = {
    IPTC_CAPTION: "Rescuers work at the site of a strike.",
    IPTC_BYLINE: "Jane Photographer",
    IPTC_CREDIT: "Agency Images",
    IPTC_COPYRIGHT: "Agency Images",
}


def image_form(**overrides) -> dict:
    data = {
        "alt_text": "Rescuers in the rubble",
        "caption": "",
        "credit": "",
        "copyright_holder": "",
        "usage_note": "",
        "focal_point_x": "",
        "focal_point_y": "",
    }
    data.update(overrides)
    return data


def test_uploading_an_agency_photo_prefills_caption_credit_and_copyright(superuser_client, admin_user):
    upload = SimpleUploadedFile("strike.jpg", jpeg_with_iptc(AGENCY_PHOTO), content_type="image/jpeg")
    response = superuser_client.post(reverse("admin:media_image_add"), image_form(file=upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.caption == "Rescuers work at the site of a strike."
    assert image.credit == "Jane Photographer/Agency Images"
    assert image.copyright_holder == "Agency Images"
    assert (image.width, image.height) == (64, 48)
    assert image.uploaded_by == admin_user
    assert image.file.name.startswith("images/")


def test_what_the_editor_typed_wins_over_embedded_metadata(superuser_client):
    upload = SimpleUploadedFile("strike.jpg", jpeg_with_iptc(AGENCY_PHOTO), content_type="image/jpeg")
    superuser_client.post(
        reverse("admin:media_image_add"), image_form(file=upload, credit="Our Staff/Newsroom", caption="Our caption")
    )
    image = Image.objects.get()
    assert (image.credit, image.caption) == ("Our Staff/Newsroom", "Our caption")


def test_an_image_without_any_credit_is_a_form_error(superuser_client):
    upload = SimpleUploadedFile("plain.jpg", photo_bytes(), content_type="image/jpeg")
    response = superuser_client.post(reverse("admin:media_image_add"), image_form(file=upload))
    assert response.status_code == 200
    assert "credit" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_an_image_without_alt_text_is_a_form_error(superuser_client):
    upload = SimpleUploadedFile("plain.jpg", photo_bytes(), content_type="image/jpeg")
    response = superuser_client.post(
        reverse("admin:media_image_add"), image_form(file=upload, alt_text="", credit="Jane/Agency")
    )
    assert response.status_code == 200
    assert "alt_text" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_a_non_image_is_a_form_error(superuser_client):
    upload = SimpleUploadedFile("evil.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = superuser_client.post(reverse("admin:media_image_add"), image_form(file=upload, credit="Jane/Agency"))
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


def test_editing_an_image_keeps_its_file_and_checks_the_credit(superuser_client):
    upload = SimpleUploadedFile("strike.jpg", jpeg_with_iptc(AGENCY_PHOTO), content_type="image/jpeg")
    superuser_client.post(reverse("admin:media_image_add"), image_form(file=upload))
    image = Image.objects.get()
    url = reverse("admin:media_image_change", args=[image.pk])
    response = superuser_client.post(url, image_form(credit="", caption="New caption"))
    assert "credit" in response.context["adminform"].form.errors
    response = superuser_client.post(url, image_form(credit="Jane Photographer/Agency", caption="New caption"))
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "New caption"
    assert image.file.name.endswith(".jpg")


def test_editor_upload_files_the_photo_in_the_library(client, admin_user):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("strike.jpg", jpeg_with_iptc(AGENCY_PHOTO), content_type="image/jpeg")
    response = client.post(reverse("media:editor-upload"), {"upload": upload})
    assert response.status_code == 200
    image = Image.objects.get()
    assert response.json()["url"] == image.file.url
    assert image.credit == "Jane Photographer/Agency Images"
    assert image.alt_text == "Rescuers work at the site of a strike."
    from reversion.models import Version

    assert Version.objects.get_for_object(image).get().revision.user == admin_user


def test_editor_upload_without_embedded_credit_waits_for_the_photo_desk(client, django_user_model):
    """Issue 8, defect 4: the uploader's name was presented to readers as the photo's credit."""
    user = django_user_model.objects.create_superuser("editor", first_name="Olena", last_name="Editor")
    client.force_login(user)
    upload = SimpleUploadedFile("street_scene.png", photo_bytes(image_format="PNG"), content_type="image/png")
    assert client.post(reverse("media:editor-upload"), {"upload": upload}).status_code == 200
    image = Image.objects.get()
    assert image.credit == ""
    assert image.alt_text == "street scene"
    needs_credit = client.get(reverse("admin:media_image_changelist"), {"credit": "missing"})
    assert list(needs_credit.context["cl"].result_list) == [image]
    credited = client.get(reverse("admin:media_image_changelist"), {"credit": "missing", "q": "nothing"})
    assert list(credited.context["cl"].result_list) == []


def test_editor_upload_refuses_bad_files_and_strangers(client, django_user_model, admin_user):
    url = reverse("media:editor-upload")
    photo = SimpleUploadedFile("a.jpg", photo_bytes(), content_type="image/jpeg")
    assert client.post(url, {"upload": photo}).status_code == 403
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.post(url, {"upload": photo}).status_code == 403
    client.force_login(admin_user)
    response = client.post(url, {"upload": SimpleUploadedFile("a.svg", b"<svg/>")})
    assert response.status_code == 400
    assert "JPEG" in response.json()["error"]["message"]
    assert client.post(url, {}).status_code == 400
    assert client.get(url).status_code == 405
    assert not Image.objects.exists()


def test_uploaded_photos_are_stored_upright_and_without_location(superuser_client):
    import io

    from PIL import ExifTags
    from PIL import Image as PillowImage

    exif = PillowImage.Exif()
    exif[ExifTags.Base.Orientation] = 6  # held sideways: the viewer must turn it 90°
    exif[ExifTags.Base.Artist] = "Jane Photographer"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] = (50.0, 27.0, 0.0)
    upload = SimpleUploadedFile("phone.jpg", photo_bytes(width=60, height=40, exif=exif), content_type="image/jpeg")
    response = superuser_client.post(reverse("admin:media_image_add"), image_form(file=upload))
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.credit == "Jane Photographer"  # read before the file was rewritten
    assert (image.width, image.height) == (40, 60)
    with PillowImage.open(io.BytesIO(image.file.read())) as stored:
        stored_exif = stored.getexif()
        assert stored.size == (40, 60)
        assert stored_exif.get(ExifTags.Base.Orientation, 1) == 1
        assert not stored_exif.get_ifd(ExifTags.IFD.GPSInfo)


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_people_who_may_only_view_images_get_the_image_page_read_only(client, request, role):
    """Issue 8, defect 1: the image page raised KeyError: 'credit' (a 500) for them."""
    request.getfixturevalue(role)
    image = ImageFactory(credit="Jane Photographer/Agency Images")
    response = client.get(reverse("admin:media_image_change", args=[image.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jane Photographer/Agency Images" in html and 'name="credit"' not in html
