"""Saving author profiles, so that the pages that show an author hear of the change."""

from collections.abc import Iterable

from django.db import transaction

from .events import author_saved
from .models import Author


def save_author(*, author: Author, changed_fields: Iterable[str] = ()) -> Author:
    with transaction.atomic():
        author.save()
        author_saved.send(sender=Author, author_id=author.pk, changed_fields=frozenset(changed_fields))
    return author
