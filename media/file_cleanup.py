"""Files of deleted or replaced photos leave the storage once the change has committed.

Deleting an image (and its renditions, which go with it) or giving it a new file
used to leave every file on disk, still publicly served. The files are removed after
the transaction commits, so a rolled-back delete keeps them; it works the same on
the filesystem and on object storage (the storage's own ``delete``).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _delete_later(storage, name: str) -> None:
    def delete():
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete the stored file %s", name, exc_info=True)

    if name:
        transaction.on_commit(delete)


def remove_file_of_deleted(sender, instance, **kwargs) -> None:
    """``post_delete`` of Image and Rendition: their file goes after commit."""
    _delete_later(instance.file.storage, instance.file.name)


def remove_replaced_file(sender, instance, **kwargs) -> None:
    """``pre_save`` of Image: a new file replaces the old one, which goes after commit.

    Not for a raw save (``import_content``, ``loaddata``): it writes the row as it was
    stored and replaces no upload, and the lookup would cost a query per image."""
    if instance.pk is None or kwargs.get("raw"):
        return
    old = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    if old and old != instance.file.name:
        _delete_later(instance.file.storage, old)


def connect_file_cleanup() -> None:
    from django.db.models.signals import post_delete, pre_save

    from .models import Image, Rendition

    post_delete.connect(remove_file_of_deleted, sender=Image, dispatch_uid="media-image-file-cleanup")
    post_delete.connect(remove_file_of_deleted, sender=Rendition, dispatch_uid="media-rendition-file-cleanup")
    pre_save.connect(remove_replaced_file, sender=Image, dispatch_uid="media-image-replaced-file")
