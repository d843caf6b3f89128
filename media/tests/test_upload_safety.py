"""Issue 9, findings 1 and 16: an upload is named by what it is, with a part nobody can guess,
and the uploads folder never serves anything a browser would run."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve

from media.middleware import UploadHeadersMiddleware
from media.models import Image

from .factories import photo_bytes

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"^images/\d{4}/\d{2}/[a-z0-9-]+-[0-9a-f]{12}\.(jpg|png|webp|gif)$")


def test_a_photo_named_html_posted_to_the_editor_upload_is_stored_and_served_as_a_jpeg(client, admin_user):
    """It was stored as x.html and, served from the uploads folder, ran script."""
    client.force_login(admin_user)
    upload = SimpleUploadedFile("x.html", photo_bytes(), content_type="text/html")
    response = client.post(reverse("media:editor-upload"), {"upload": upload})
    assert response.status_code == 200
    image = Image.objects.get()
    assert STORED_NAME.match(image.file.name) and image.file.name.endswith(".jpg"), image.file.name
    assert ".html" not in image.file.name

    served = serve_upload(image.file.name)
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert not served.get("Content-Disposition", "").startswith("attachment")


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", ".png"), ("WEBP", ".webp"), ("GIF", ".gif")])
def test_every_upload_path_names_the_file_by_its_content(superuser_client, fmt, extension):
    upload = SimpleUploadedFile("holiday.jpg", photo_bytes(image_format=fmt), content_type="image/jpeg")
    response = superuser_client.post(
        reverse("admin:media_image_chooser_upload"), {"file": upload, "alt_text": "A beach", "credit": "Staff/News"}
    )
    assert response.status_code == 200, response.content
    name = Image.objects.get().file.name
    assert STORED_NAME.match(name) and name.endswith(extension), name


def test_two_uploads_of_one_name_get_unguessable_different_addresses(superuser_client):
    for _ in range(2):
        superuser_client.post(
            reverse("admin:media_image_chooser_upload"),
            {"file": SimpleUploadedFile("embargo.jpg", photo_bytes()), "alt_text": "A", "credit": "B/C"},
        )
    first, second = Image.objects.values_list("file", flat=True)
    assert first != second
    assert all(re.search(r"embargo-[0-9a-f]{12}\.jpg$", name) for name in (first, second))


def serve_upload(name: str):
    """The uploads folder as ``make run`` serves it (django.views.static), through the middleware."""
    request = RequestFactory().get(settings.MEDIA_URL + name)
    middleware = UploadHeadersMiddleware(lambda request: serve(request, name, document_root=settings.MEDIA_ROOT))
    return middleware(request)


def test_anything_else_in_the_uploads_folder_is_a_download_that_runs_nothing():
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / "note.html").write_text("<script>alert(1)</script>")
    served = serve_upload("note.html")
    assert served.status_code == 200
    assert served["Content-Disposition"] == "attachment"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in served["Content-Security-Policy"]
