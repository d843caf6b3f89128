"""Issue 9, finding 8: a photo's metadata became page weight.

An 8 MB colour profile was copied into every rendition (the 320-pixel card image alone
weighed 8 MB), and a 10 MB EXIF description became a 10 MB caption. Renditions are
converted to sRGB and carry no profile; the original keeps only the metadata the
newsroom needs; a prefilled field cut to its cap comes with a note.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags
from PIL import Image as PillowImage
from PIL.PngImagePlugin import PngInfo

from media import processing
from media.metadata import IPTC_CAPTION, MAX_CAPTION_LENGTH
from media.renditions import build_renditions
from media.tests.factories import ImageFactory, jpeg_with_iptc, photo_bytes, swapped_primaries_profile
from media.tests.uploads import PATHS, upload_through

pytestmark = pytest.mark.django_db

RED = (230, 20, 20)
EIGHT_MEGABYTES = 8 * 1024 * 1024


def red_photo(image_format: str = "JPEG", size=(640, 400), **options) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, RED).save(buffer, image_format, **options)
    return buffer.getvalue()


def looks_blue(picture: PillowImage.Image) -> bool:
    red, _green, blue = picture.convert("RGB").getpixel((picture.width // 2, picture.height // 2))
    return blue > 150 and red < 100


def opened(field_file) -> PillowImage.Image:
    with field_file.open("rb") as handle:
        picture = PillowImage.open(io.BytesIO(handle.read()))
        picture.load()
    return picture


def test_renditions_are_converted_to_srgb_and_carry_no_big_profile():
    profile = swapped_primaries_profile(EIGHT_MEGABYTES)
    image = ImageFactory(file=SimpleUploadedFile("card.jpg", red_photo(icc_profile=profile)))
    made = build_renditions(image)
    assert made
    for rendition in made:
        assert rendition.file.size < 100_000, f"{rendition} weighs {rendition.file.size} bytes"
        picture = opened(rendition.file)
        assert len(picture.info.get("icc_profile") or b"") <= 4096
        # Red in the photo's own colour space is sRGB's blue: the pixels were converted.
        assert looks_blue(picture), rendition


def test_renditions_carry_no_exif():
    exif = PillowImage.Exif()
    exif[ExifTags.Base.Artist] = "Jane Photographer"
    exif[ExifTags.Base.ImageDescription] = "word " * 2000
    image = ImageFactory(file=SimpleUploadedFile("street.jpg", photo_bytes(width=400, height=300, exif=exif)))
    for rendition in build_renditions(image):
        assert not opened(rendition.file).getexif()


@pytest.fixture
def uploader(client, admin_user):
    client.force_login(admin_user)
    return lambda path, data, name="photo.jpg": upload_through(client, path, data, name)


@pytest.mark.parametrize("path", PATHS)
def test_an_oversized_profile_leaves_the_original_once_its_colours_are_converted(uploader, path):
    outcome = uploader(path, red_photo(icc_profile=swapped_primaries_profile(3 * 1024 * 1024)))
    assert outcome.image is not None, outcome.error
    stored = opened(outcome.image.file)
    assert stored.format == "JPEG"
    assert len(stored.info.get("icc_profile") or b"") <= processing.MAX_ORIGINAL_PROFILE_BYTES
    assert looks_blue(stored)
    assert outcome.image.file.size < 500_000


def test_a_standard_size_profile_stays_with_the_original_untouched(uploader):
    data = red_photo(icc_profile=swapped_primaries_profile())
    outcome = uploader("photo form", data)
    with outcome.image.file.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize("path", PATHS)
def test_a_huge_exif_description_becomes_neither_a_huge_caption_nor_part_of_the_original(uploader, path):
    exif = PillowImage.Exif()
    exif[ExifTags.Base.ImageDescription] = "Flood water in the square. " * 40_000  # about 1 MB
    exif[ExifTags.Base.Artist] = "Jane Photographer"
    outcome = uploader(path, red_photo("PNG", exif=exif), "flood.png")
    image = outcome.image
    assert image is not None, outcome.error
    assert len(image.caption) <= MAX_CAPTION_LENGTH and image.caption.startswith("Flood water")
    stored = opened(image.file)
    assert stored.format == "PNG"
    assert len(stored.info.get("exif") or b"") <= processing.MAX_METADATA_BYTES
    assert image.file.size < 100_000


def test_huge_xmp_and_text_chunks_are_not_kept_in_the_original(uploader):
    text = PngInfo()
    text.add_text("Comment", "From the archive")
    text.add_itxt("Description", "history " * 200_000)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + b"<rdf:li>edit</rdf:li>" * 30_000 + b"</x:xmpmeta>"
    outcome = uploader("editor upload", red_photo("PNG", pnginfo=text), "chart.png")
    stored = opened(outcome.image.file)
    assert stored.text == {"Comment": "From the archive"}

    outcome = uploader("editor upload", red_photo("WEBP", xmp=xmp), "chart.webp")
    stored = opened(outcome.image.file)
    assert stored.format == "WEBP" and "xmp" not in stored.info


LONG_CAPTION = "Rescuers work at the site of a strike. " * 130  # about 5,000 characters


def test_the_metadata_view_notes_a_caption_cut_to_its_cap(client, editor):
    data = jpeg_with_iptc({IPTC_CAPTION: LONG_CAPTION})
    answer = client.post(reverse("admin:media_image_metadata"), {"file": SimpleUploadedFile("a.jpg", data)}).json()
    assert len(answer["caption"]) == MAX_CAPTION_LENGTH
    assert set(answer["notes"]) == {"caption"}
    assert "2,000 characters" in answer["notes"]["caption"]


def test_a_plain_photo_comes_with_no_notes(client, editor):
    response = client.post(reverse("admin:media_image_metadata"), {"file": SimpleUploadedFile("a.jpg", photo_bytes())})
    assert response.json()["notes"] == {}


def test_the_photo_form_says_when_it_cut_what_it_filled_in(superuser_client):
    data = jpeg_with_iptc({IPTC_CAPTION: LONG_CAPTION})
    response = upload_and_follow(superuser_client, data)
    messages = [str(message) for message in response.context["messages"]]
    assert any("caption" in message and "2,000 characters" in message for message in messages), messages


def upload_and_follow(client, data: bytes):
    form = {
        "file": SimpleUploadedFile("strike.jpg", data),
        "alt_text": "Rescuers",
        "caption": "",
        "credit": "Staff/Newsroom",
        "copyright_holder": "",
        "usage_note": "",
        "focal_point_x": "",
        "focal_point_y": "",
    }
    response = client.post(reverse("admin:media_image_add"), form, follow=True)
    assert response.status_code == 200
    return response
