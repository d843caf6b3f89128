"""Issue 9, finding 10: deleting an image left its original and every rendition on disk, still served."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from media.models import Image
from media.renditions import build_renditions

from .factories import ImageFactory, photo_upload

pytestmark = pytest.mark.django_db(transaction=True)


def stored(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def test_deleting_an_image_removes_its_original_and_renditions_after_commit(superuser_client):
    image = ImageFactory(file=photo_upload(width=800, height=500))
    build_renditions(image)
    names = [image.file.name, *image.renditions.values_list("file", flat=True)]
    assert len(names) > 2 and all(stored(name).exists() for name in names)

    response = superuser_client.post(reverse("admin:media_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Image.objects.exists()
    assert not any(stored(name).exists() for name in names)


def test_a_rolled_back_delete_keeps_the_files():
    image = ImageFactory()
    name, pk = image.file.name, image.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        image.delete()
        raise RuntimeError("changed my mind")
    assert stored(name).exists() and Image.objects.filter(pk=pk).exists()


def test_a_new_file_replaces_the_old_one_on_disk(superuser_client):
    image = ImageFactory()
    old = image.file.name
    image.file = photo_upload("second.jpg")
    image.save()
    assert stored(image.file.name).exists() and image.file.name != old
    assert not stored(old).exists()
