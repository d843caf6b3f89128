"""Issue 9, finding 15: odd uploads were accepted with no error.

A truncated JPEG (its renditions failed and readers got a half-grey original), a
1×60,000 PNG, a 5,000-frame GIF served as the original at every size, and a 7 kB
PNG that decodes to 59 megapixels (3 s and about 320 MB of a worker's memory).
"""

import io

import pytest
from django.urls import reverse
from PIL import Image as PillowImage
from PIL import ImageFile

from media import renditions, validators
from media.models import Rendition
from media.renditions import build_renditions, picture_for, shareable_image
from media.tests.factories import ImageFactory, animated_gif, photo_bytes, png_bomb, truncated_jpeg
from media.tests.uploads import PATHS, upload_through

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploader(client, admin_user, django_capture_on_commit_callbacks):
    """Uploads as a signed-in superuser; renditions are made as after a real commit."""
    client.force_login(admin_user)

    def upload(path, data, name="photo.jpg", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return upload_through(client, path, data, name, **fields)

    return upload


@pytest.mark.parametrize("path", PATHS)
def test_a_truncated_jpeg_is_refused_on_every_upload_path(uploader, path):
    outcome = uploader(path, truncated_jpeg())
    assert outcome.refused and outcome.status in (200, 400)
    assert "incomplete or damaged" in outcome.error


@pytest.mark.parametrize("path", PATHS)
def test_a_one_by_sixty_thousand_png_is_refused_on_every_upload_path(uploader, path):
    outcome = uploader(path, photo_bytes(width=1, height=60_000, image_format="PNG"), "strip.png")
    assert outcome.refused
    assert "1×60000 pixels" in outcome.error and "10 to 1" in outcome.error


@pytest.mark.parametrize("path", PATHS)
def test_a_59_megapixel_png_bomb_is_refused_on_every_upload_path(uploader, path):
    bomb = png_bomb(7_700, 7_700)
    assert len(bomb) < 20_000
    outcome = uploader(path, bomb, "bomb.png")
    assert outcome.refused
    assert "7700×7700" in outcome.error and "50 megapixels" in outcome.error


def test_the_bomb_is_refused_from_its_header_without_decoding(monkeypatch):
    def never(self):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="50 megapixels"):
        validators.validate_image_file(SimpleUploadedFile("bomb.png", png_bomb(7_700, 7_700)))


def test_pillow_refuses_the_same_number_of_pixels_everywhere():
    """Every Pillow open in the process (metadata, renditions) has the library's limit."""
    assert PillowImage.MAX_IMAGE_PIXELS == validators.MAX_PIXELS
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_a_large_png_is_shrunk_as_soon_as_it_is_decoded(monkeypatch):
    """The renditions of a 12-megapixel PNG are made from a copy at most twice the widest
    rendition, not from the full picture (held twice over before: decoded, then converted)."""
    resized_from = []
    original_resize = PillowImage.Image.resize

    def spy(self, size, *args, **kwargs):
        resized_from.append(self.size)
        return original_resize(self, size, *args, **kwargs)

    monkeypatch.setattr(PillowImage.Image, "resize", spy)
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = ImageFactory(file=SimpleUploadedFile("plan.png", png_bomb(4_000, 3_000)))
    build_renditions(image)
    assert Rendition.objects.filter(image=image, crop="original", width=1920).exists()
    assert resized_from and max(width for width, _height in resized_from) <= 2 * max(renditions.RENDITION_WIDTHS)


def first_frame_colour(rendition: Rendition):
    with rendition.file.open("rb") as handle, PillowImage.open(io.BytesIO(handle.read())) as picture:
        assert getattr(picture, "n_frames", 1) == 1
        return picture.convert("RGB").getpixel((0, 0))


@pytest.mark.parametrize("path", PATHS)
def test_an_animated_gif_becomes_a_still_of_its_first_frame_on_every_upload_path(uploader, path):
    outcome = uploader(path, animated_gif(300), "loop.gif")
    image = outcome.image
    assert image is not None, outcome.error
    assert image.file.name.endswith(".gif")
    made = list(image.renditions.all())
    assert made, "an animated GIF got no renditions, so pages served the original at every size"
    red, green, blue = first_frame_colour(made[0])
    assert red > 180 and green < 40 and blue < 40  # the first frame is red
    image.refresh_from_db()  # as a page loads it, with the renditions made since
    shown = picture_for(image)
    assert shown["src"] != image.file.url and image.file.url not in shown["webp_srcset"]


def test_a_kept_animation_is_shown_as_itself_with_a_still_for_link_previews(uploader):
    outcome = uploader("photo form", animated_gif(30), "loop.gif", is_animation_kept="on")
    image = outcome.image
    assert image is not None and image.is_animation_kept
    image.refresh_from_db()
    assert picture_for(image)["src"] == image.file.url
    assert picture_for(image)["webp_srcset"] == ""
    assert shareable_image(image).url != image.file.url  # feeds and previews get a still JPEG


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (lambda: animated_gif(validators.MAX_KEPT_FRAMES + 1), "at most 300 frames"),
        (lambda: animated_gif(40, size=(1600, 900)), "50 megapixels in all its frames"),
        (lambda: photo_bytes(image_format="GIF"), "not animated"),
    ],
    ids=["too-many-frames", "too-many-pixels-in-all", "a-still"],
)
def test_an_animation_is_kept_only_within_the_limits(uploader, data, message):
    outcome = uploader("photo form", data(), "loop.gif", is_animation_kept="on")
    assert outcome.refused
    assert message in outcome.error


def test_keeping_the_animation_of_an_image_already_in_the_library_checks_its_frames(superuser_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from media.tests.admin_forms import resubmit

    image = ImageFactory(file=SimpleUploadedFile("loop.gif", animated_gif(validators.MAX_KEPT_FRAMES + 1)))
    url = reverse("admin:media_image_change", args=[image.pk])
    response = resubmit(superuser_client, url, is_animation_kept="on")
    assert response.status_code == 200
    assert "at most 300 frames" in " ".join(response.context["adminform"].form.errors["is_animation_kept"])
    image.refresh_from_db()
    assert not image.is_animation_kept


def test_the_photo_form_offers_to_keep_the_animation(superuser_client):
    html = superuser_client.get(reverse("admin:media_image_add")).content.decode()
    assert 'name="is_animation_kept"' in html
    assert "first frame" in html
