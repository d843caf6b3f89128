"""Emptying the content tables so the demo can be seeded again.

This removes every article, author, section, tag and library image, and every
row that refers to one of them, not only the seeded ones: the demo owns the
database it runs on.
"""

from django.core.files.storage import Storage
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import CASCADE, FileField
from taggit.models import Tag

from articles.models import Article, CallToAction, Section
from articles.search_index import clear_search_index
from authors.models import Author
from media.models import Image


def existing_content() -> list[str]:
    """Kinds of content that seeding would collide with, for a clear refusal."""
    kinds = {"articles": Article, "sections": Section, "authors": Author, "tags": Tag}
    return [kind for kind, model in kinds.items() if model.objects.exists()]


def delete_demo_content() -> dict[str, int]:
    """Empty the content tables and, once that is committed, the files of images and renditions.

    Returns how many rows of each kind there were. Deleting row by row through
    the ORM takes half a minute for 100,000 articles, so the tables are emptied
    the way ``manage.py flush`` does it (TRUNCATE on PostgreSQL), together with
    every table that refers to them. Ids start again from 1.
    """
    models = {
        "articles": Article,
        "sections": Section,
        "authors": Author,
        "tags": Tag,
        "images": Image,
        "calls to action": CallToAction,
    }
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # Rows written earlier in the caller's transaction (a test, say) leave deferred
        # foreign-key checks pending, and PostgreSQL will not TRUNCATE until they ran.
        connection.check_constraints()
    with transaction.atomic():
        counts = {kind: model.objects.count() for kind, model in models.items()}
        files_to_delete = stored_files([Image, *cascades_from(Image)])
        statements = connection.ops.sql_flush(
            no_style(),
            [model._meta.db_table for model in models.values()],
            reset_sequences=True,
            allow_cascade=True,
        )
        connection.ops.execute_sql_flush(statements)
        clear_search_index()  # ids start again from 1: no document may outlive its article
        transaction.on_commit(lambda: delete_files(files_to_delete))
    return counts


def cascades_from(model) -> list:
    """Models whose rows go with ``model``'s, such as an image's renditions."""
    return [relation.related_model for relation in model._meta.related_objects if relation.on_delete is CASCADE]


def stored_files(models: list) -> list[tuple[Storage, str]]:
    """Every file the rows of ``models`` point at, with the storage it lives in."""
    files = []
    for model in models:
        for field in model._meta.concrete_fields:
            if isinstance(field, FileField):
                names = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                files += [(field.storage, name) for name in names]
    return files


def delete_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        storage.delete(name)
