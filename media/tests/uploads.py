"""Send a file through each of the library's three upload paths and read the answer the same way.

The photo form (admin), the rich-text editor's upload endpoint and the photo chooser's
upload all share one validation; tests that a rule holds "everywhere" run over ``PATHS``.
"""

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from media.models import Image

PATHS = ("photo form", "editor upload", "chooser upload")
CREDIT = "Staff Photographer/Newsroom"


@dataclass
class Outcome:
    """What an upload came to: the new image, or the error shown about the file."""

    status: int
    image: Image | None
    error: str

    @property
    def refused(self) -> bool:
        return self.image is None


def upload_through(client, path: str, data: bytes, name: str = "photo.jpg", **fields) -> Outcome:
    """Post ``data`` as a new photo through ``path`` (one of ``PATHS``), as its page would."""
    before = set(Image.objects.values_list("pk", flat=True))
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    if path == "photo form":
        form = {
            "alt_text": "A photo",
            "caption": "",
            "credit": CREDIT,
            "copyright_holder": "",
            "usage_note": "",
            "focal_point_x": "",
            "focal_point_y": "",
            "file": upload,
            **fields,
        }
        response = client.post(reverse("admin:media_image_add"), form)
        errors = response.context["adminform"].form.errors if response.status_code == 200 else {}
        error = " ".join(message for messages in errors.values() for message in messages)
    elif path == "editor upload":
        response = client.post(reverse("media:editor-upload"), {"upload": upload})
        error = response.json()["error"]["message"] if response.status_code == 400 else ""
    elif path == "chooser upload":
        form = {"file": upload, "alt_text": "A photo", "credit": CREDIT, **fields}
        response = client.post(reverse("admin:media_image_chooser_upload"), form)
        errors = response.json()["errors"] if response.status_code == 400 else {}
        error = " ".join(message for messages in errors.values() for message in messages)
    else:
        raise ValueError(f"Unknown upload path {path!r}; choose one of {', '.join(PATHS)}.")
    new = Image.objects.exclude(pk__in=before).first()
    return Outcome(status=response.status_code, image=new, error=error)
