"""The image library's own vocabulary: rendition prefetch, images by address, where used."""

import pytest

from media import usage
from media.models import Image
from media.renditions import build_renditions, shareable_image

from .factories import ImageFactory, photo_upload

pytestmark = pytest.mark.django_db


def test_with_renditions_loads_every_images_renditions_in_one_query(django_assert_num_queries):
    for _ in range(3):
        build_renditions(ImageFactory(file=photo_upload(width=700, height=400)))
    with django_assert_num_queries(2):  # the images, then all their renditions
        images = list(Image.objects.with_renditions())
        assert all(len(image.renditions.all()) > 0 for image in images)
    with django_assert_num_queries(2):
        thumbnails = list(Image.objects.with_renditions(crop="original", format="webp"))
        assert {rendition.format for image in thumbnails for rendition in image.renditions.all()} == {"webp"}


def test_by_urls_finds_library_images_by_address_and_ignores_other_sites(django_assert_num_queries):
    ours, other = ImageFactory(), ImageFactory()
    with django_assert_num_queries(1):  # the images, each with its rendition index
        found = Image.objects.by_urls([ours.file.url, "https://elsewhere.example/x.jpg"])
    assert found == {ours.file.url: ours}
    assert other.file.url not in found
    with django_assert_num_queries(0):
        assert Image.objects.by_urls(["https://elsewhere.example/x.jpg"]) == {}


def test_the_shareable_image_is_a_jpeg_about_1200_pixels_wide_or_the_original():
    image = ImageFactory(file=photo_upload(width=1600, height=900))
    assert shareable_image(image).url == image.file.url  # no renditions yet
    build_renditions(image)
    image = Image.objects.get(pk=image.pk)
    chosen = shareable_image(image)
    assert chosen.name.endswith("-1280w.jpg") and chosen.width == 1280
    assert chosen.size == image.renditions.get(width=1280, format="jpeg", crop="original").file.size


def test_uses_come_from_the_registered_kinds(monkeypatch):
    monkeypatch.setattr(usage, "_kinds", {})
    image, unused = ImageFactory(caption="Used"), ImageFactory()
    usage.register_usage("self", "Itself", lambda candidate: Image.objects.filter(pk=image.pk, file=candidate.file))
    assert [(use.kind.label, list(use.objects)) for use in usage.find_image_usage(image)] == [("Itself", [image])]
    assert usage.is_image_used(image) and not usage.is_image_used(unused)


def test_articles_and_authors_register_their_uses_without_the_library_importing_them():
    assert {"article-lead", "article-text", "author-avatar"} <= set(usage._kinds)
    assert usage._kinds["article-text"].blocks_deletion
    assert not usage._kinds["article-lead"].blocks_deletion  # its foreign key protects it


def test_the_rendition_index_follows_the_renditions_made_and_removed(django_assert_num_queries):
    from media.renditions import delete_renditions, picture_for

    image = ImageFactory(file=photo_upload(width=1000, height=600))
    build_renditions(image)
    stored = Image.objects.get(pk=image.pk)
    made = set(stored.renditions.values_list("crop", "format", "width"))
    indexed = {
        (crop, fmt, entry[0])
        for crop, formats in stored.rendition_index.items()
        for fmt, entries in formats.items()
        for entry in entries
    }
    assert indexed == made and made
    with django_assert_num_queries(0):  # a page's srcset needs the image row only
        shown = picture_for(stored, crop="16:9")
    widest = stored.renditions.filter(crop="16:9", format="webp").order_by("-width").first()
    assert f"{widest.file.url} {widest.width}w" in shown["webp_srcset"]

    delete_renditions(stored, crops=["16:9"])
    again = Image.objects.get(pk=image.pk)
    assert "16:9" not in again.rendition_index and again.rendition_index["original"]
    assert again.changed_at >= stored.changed_at  # cards showing it are remade
    assert picture_for(again, crop="16:9")["webp_srcset"] == picture_for(again)["webp_srcset"]  # the uncropped stand in
