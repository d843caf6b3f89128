import io
import logging
from io import StringIO
from pathlib import PurePath

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template import Context, Template
from django.urls import reverse
from PIL import Image as PillowImage

from media import services
from media.models import Image, Rendition
from media.renditions import build_renditions, picture_for, srcset_for
from media.services import create_image_from_upload

from .factories import ImageFactory, photo_upload

pytestmark = pytest.mark.django_db

RED = (220, 20, 20)
BLUE = (20, 60, 200)


def made(image: Image) -> set[tuple[str, str, int, int]]:
    return {(r.crop, r.format, r.width, r.height) for r in Rendition.objects.filter(image=image)}


def widths(image: Image, crop: str, image_format: str = "webp") -> list[int]:
    return sorted(r.width for r in Rendition.objects.filter(image=image, crop=crop, format=image_format))


def open_rendition(rendition: Rendition) -> PillowImage.Image:
    with rendition.file.open("rb") as handle:
        picture = PillowImage.open(io.BytesIO(handle.read()))
        picture.load()
    return picture


def render(template: str, **context) -> str:
    return Template("{% load images %}" + template).render(Context(context))


def test_a_large_photo_gets_every_width_in_webp_and_jpeg():
    image = ImageFactory(file=photo_upload(width=2000, height=1200))
    renditions = build_renditions(image)
    assert len(renditions) == 2 * (5 + 5 + 3)
    for image_format in ("webp", "jpeg"):
        assert widths(image, "original", image_format) == [320, 640, 960, 1280, 1920]
        assert widths(image, "16:9", image_format) == [320, 640, 960, 1280, 1920]
        assert widths(image, "1:1", image_format) == [64, 128, 256]
    assert ("original", "jpeg", 1920, 1152) in made(image)
    assert ("16:9", "webp", 640, 360) in made(image)
    assert ("1:1", "jpeg", 128, 128) in made(image)
    for rendition in renditions:
        assert rendition.file.name.startswith(f"renditions/{image.pk}/")
        picture = open_rendition(rendition)
        assert picture.size == (rendition.width, rendition.height)
        assert picture.format == rendition.format.upper()


def test_photos_are_never_enlarged():
    image = ImageFactory(file=photo_upload(width=500, height=300))
    build_renditions(image)
    assert widths(image, "original") == [320, 500]
    assert widths(image, "16:9") == [320, 500]
    assert ("16:9", "jpeg", 500, 281) in made(image)
    assert widths(image, "1:1") == [64, 128, 256]

    tiny = ImageFactory(file=photo_upload(width=100, height=80))
    build_renditions(tiny)
    assert widths(tiny, "original", "jpeg") == [100]  # its own width, though narrower than 320
    assert widths(tiny, "1:1", "jpeg") == [64, 80]


def red_square_near_the_right_edge() -> SimpleUploadedFile:
    picture = PillowImage.new("RGB", (400, 200), BLUE)
    picture.paste(RED, (340, 80, 380, 120))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")  # lossless, so the colours are exact
    return SimpleUploadedFile("square.png", buffer.getvalue(), content_type="image/png")


def has_red(rendition: Rendition) -> bool:
    picture = open_rendition(rendition).convert("RGB")
    return any(r > 150 and g < 90 and b < 90 for r, g, b in picture.get_flattened_data())


@pytest.mark.parametrize(("focal_point_x", "shows_the_square"), [(0.9, True), (None, False)])
def test_crops_keep_the_focal_point_in_view(focal_point_x, shows_the_square):
    focal_point = {"focal_point_x": focal_point_x, "focal_point_y": 0.5 if focal_point_x is not None else None}
    image = ImageFactory(file=red_square_near_the_right_edge(), **focal_point)
    build_renditions(image)
    squares = Rendition.objects.filter(image=image, crop="1:1")
    assert {(r.width, r.height) for r in squares} == {(64, 64), (128, 128), (200, 200)}
    assert all(has_red(rendition) == shows_the_square for rendition in squares)
    uncropped = Rendition.objects.get(image=image, crop="original", format="webp", width=400)
    assert has_red(uncropped)


def test_transparent_images_are_flattened_on_white_for_jpeg_only():
    picture = PillowImage.new("RGBA", (40, 30), (0, 0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    image = ImageFactory(file=SimpleUploadedFile("logo.png", buffer.getvalue()))
    build_renditions(image)
    jpeg = open_rendition(Rendition.objects.get(image=image, crop="original", format="jpeg"))
    webp = open_rendition(Rendition.objects.get(image=image, crop="original", format="webp"))
    assert jpeg.mode == "RGB" and min(jpeg.getpixel((20, 15))) > 245
    assert webp.mode == "RGBA" and webp.getpixel((20, 15))[3] == 0


def test_building_twice_makes_nothing_new_and_force_remakes_all(django_capture_on_commit_callbacks):
    image = ImageFactory(file=photo_upload(width=400, height=300))
    first = build_renditions(image)
    assert build_renditions(image) == []
    assert Rendition.objects.filter(image=image).count() == len(first)

    with django_capture_on_commit_callbacks(execute=True):
        again = build_renditions(image, force=True)
    assert len(again) == len(first)
    assert {r.pk for r in again}.isdisjoint(r.pk for r in first)
    assert Rendition.objects.filter(image=image).count() == len(first)
    assert all(default_storage.exists(r.file.name) for r in again)
    new_names = {r.file.name for r in again}
    assert not any(default_storage.exists(r.file.name) for r in first if r.file.name not in new_names)


def test_the_command_builds_what_is_missing_and_reports_it():
    images = [ImageFactory(file=photo_upload(width=330, height=200)) for _ in range(2)]
    per_image = 2 * (2 + 2 + 3)  # 320 and 330 uncut and 16:9, and three avatar sizes

    out = StringIO()
    call_command("build_renditions", "--dry-run", stdout=out)
    assert f"Would make {2 * per_image} renditions for 2 of 2 images." in out.getvalue()
    assert not Rendition.objects.exists()

    out = StringIO()
    call_command("build_renditions", "--image-id", str(images[0].pk), stdout=out)
    assert f"Made {per_image} renditions for 1 of 1 images." in out.getvalue()

    out = StringIO()
    call_command("build_renditions", stdout=out)
    assert f"Made {per_image} renditions for 1 of 2 images." in out.getvalue()

    out = StringIO()
    call_command("build_renditions", "--force", "--image-id", str(images[1].pk), stdout=out)
    assert f"Made {per_image} renditions for 1 of 1 images." in out.getvalue()
    assert Rendition.objects.count() == 2 * per_image

    with pytest.raises(CommandError, match="No image with id 999"):
        call_command("build_renditions", "--image-id", "999", stdout=StringIO())


def test_the_command_goes_on_past_a_broken_file_and_fails_at_the_end():
    broken, _ = ImageFactory(), ImageFactory()
    default_storage.delete(broken.file.name)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 images could not be processed"):
        call_command("build_renditions", stdout=out, stderr=err)
    assert "Made 6 renditions for 1 of 2 images." in out.getvalue()  # 64 wide uncut and 16:9, 48 square
    assert f"Image {broken.pk} ({broken.file.name}):" in err.getvalue()


def test_the_picture_tag_uses_prefetched_renditions_without_queries(django_assert_num_queries):
    build_renditions(ImageFactory(file=photo_upload(width=1000, height=600)))
    image = Image.objects.prefetch_related("renditions").get()
    with django_assert_num_queries(0):
        html = render(
            '{% picture image sizes="(min-width: 900px) 760px, 100vw" eager=True css_class="lead" %}',
            image=image,
        )
        webp_srcset = srcset_for(image)
    url = f"/uploads/renditions/{image.pk}/{PurePath(image.file.name).stem}"  # photo-<random>
    assert f'<source type="image/webp" srcset="{webp_srcset}" sizes="(min-width: 900px) 760px, 100vw">' in html
    assert f"{url}-original-320w.webp 320w" in webp_srcset
    assert f"{url}-original-1000w.webp 1000w" in webp_srcset
    assert f'srcset="{url}-original-320w.jpg 320w, ' in html
    assert f'src="{url}-original-640w.jpg"' in html  # the middle JPEG, for old browsers
    assert 'width="640" height="384"' in html
    assert 'fetchpriority="high"' in html and 'class="lead"' in html
    assert "loading=" not in html
    assert f'alt="{image.alt_text}"' in html


def test_the_picture_tag_is_lazy_by_default_and_sizes_the_crop():
    image = ImageFactory(file=photo_upload(width=1000, height=600))
    build_renditions(image)
    html = render('{% picture image crop="16:9" %}', image=image)
    assert 'loading="lazy"' in html and 'decoding="async"' in html and "fetchpriority" not in html
    assert 'sizes="100vw"' in html
    assert f"{PurePath(image.file.name).stem}-16x9-320w.webp 320w" in html
    assert 'width="640" height="360"' in html
    assert picture_for(image, crop="1:1")["width"] == picture_for(image, crop="1:1")["height"] == 128


def test_without_renditions_yet_pages_show_the_original():
    image = ImageFactory(file=photo_upload(width=120, height=90))
    html = render("{% picture image crop='1:1' %}", image=image)
    assert f'src="{image.file.url}"' in html
    assert "srcset" not in html and "<source" not in html
    assert 'width="120" height="90"' in html
    assert not Rendition.objects.exists()  # nothing is made while a reader waits
    assert render("{% picture missing %}", missing=None).strip() == ""


def test_an_unknown_crop_is_a_mistake():
    with pytest.raises(ValueError, match="Unknown crop"):
        srcset_for(ImageFactory(), crop="4:3")


def test_the_figure_shows_the_picture_with_caption_and_credit():
    image = ImageFactory(file=photo_upload(width=400, height=300), caption="Library caption")
    build_renditions(image)
    html = Template('{% include "includes/figure.html" with image=image caption="Our caption" eager=True %}').render(
        Context({"image": image})
    )
    assert "<figure" in html and "<picture>" in html
    assert 'sizes="(min-width: 792px) 760px, calc(100vw - 32px)"' in html
    assert 'fetchpriority="high"' in html
    assert '<span class="caption">Our caption</span>' in html
    assert "(Jane Photographer/Agency Images)" in html


def test_an_upload_from_the_editor_gets_renditions_after_commit(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        image = create_image_from_upload(upload=photo_upload(width=330, height=200), uploaded_by=admin_user)
        assert not image.renditions.exists()  # not before the upload is safely stored
    assert len(callbacks) == 1
    assert widths(image, "original") == [320, 330]


def test_a_failing_rendition_never_loses_the_upload(
    admin_user, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def fail(image, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(services, "build_renditions", fail)
    with caplog.at_level(logging.ERROR, logger="media.services"), django_capture_on_commit_callbacks(execute=True):
        image = create_image_from_upload(upload=photo_upload(), uploaded_by=admin_user)
    assert Image.objects.filter(pk=image.pk).exists()
    assert "Could not make the renditions of image" in caplog.text


def admin_form(**overrides) -> dict:
    return {
        "alt_text": "A street",
        "caption": "",
        "credit": "Jane Photographer/Agency Images",
        "copyright_holder": "",
        "usage_note": "",
        "focal_point_x": "",
        "focal_point_y": "",
        **overrides,
    }


def test_the_image_admin_builds_renditions_and_remakes_them_when_the_photo_changes(
    client, admin_user, django_capture_on_commit_callbacks, query_budget
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:media_image_add"), admin_form(file=photo_upload(width=330, height=200)))
    assert response.status_code == 302
    image = Image.objects.get()
    assert widths(image, "original") == [320, 330]
    url = reverse("admin:media_image_change", args=[image.pk])

    # The focal point moves: only the crops are remade.
    originals = set(Rendition.objects.filter(image=image, crop="original").values_list("pk", flat=True))
    squares = set(Rendition.objects.filter(image=image, crop="1:1").values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, admin_form(focal_point_x="0.9", focal_point_y="0.5"))
    assert set(Rendition.objects.filter(image=image, crop="original").values_list("pk", flat=True)) == originals
    assert squares.isdisjoint(Rendition.objects.filter(image=image, crop="1:1").values_list("pk", flat=True))

    # A new photo: every rendition is remade from it.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, admin_form(file=photo_upload("new.jpg", width=700, height=400)))
    assert widths(image, "original") == [320, 640, 700]

    # The list shows a rendition, not the full original, in a fixed number of queries.
    changelist = reverse("admin:media_image_changelist")
    image.refresh_from_db()
    stem = PurePath(image.file.name).stem
    assert stem.startswith("new-")
    assert f"/uploads/renditions/{image.pk}/{stem}-original-320w.webp" in client.get(changelist).content.decode()

    def add_three_images():
        for _ in range(3):
            build_renditions(ImageFactory(file=photo_upload(width=200, height=100)))

    query_budget(client, [changelist], add_three_images)
    assert client.get(changelist).content.decode().count("-original-200w.webp") == 3
