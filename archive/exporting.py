"""Writing a whole newsroom into one archive file (``manage.py export_content``).

The rows are read in one transaction, so an article saved during the export is in
the archive whole or not at all; they are streamed a chunk at a time, and every file
the rows refer to is copied from the storage as it is read. The archive is written
under a temporary name beside the destination and renamed only once complete, so a
failed export never leaves a half archive where a backup is expected.
"""

import os
import tempfile
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.db import connection, models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from .contents import LEFT_OUT, MATCHED_BY_NAME, NAMED_BY_NATURAL_KEY, archived_models, file_fields, label_of
from .layout import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    ArchiveError,
    DigestWriter,
    applied_migrations,
    data_member,
    dump_manifest,
    is_safe_file_name,
    media_member,
    newsroom_version,
    some_of,
    text_writer,
    write_rows,
)
from .progress import Progress, no_progress

CHUNK_SIZE = 2000
COPY_BUFFER = 1 << 20


@dataclass
class ExportSummary:
    path: Path
    rows: dict[str, int]
    files: int
    file_bytes: int
    missing_files: list[str] = field(default_factory=list)


def export_newsroom(
    *,
    destination: Path,
    overwrite: bool = False,
    allow_missing_files: bool = False,
    progress: Progress = no_progress,
) -> ExportSummary:
    """Write every archived row and every file they refer to into the archive ``destination``.

    A file the database refers to but the storage lacks stops the export, unless
    ``allow_missing_files``: then it is named in the manifest as missing.
    """
    destination = Path(destination)
    if destination.exists() and not overwrite:
        raise ArchiveError(f"{destination} already exists; choose another name or pass --overwrite.")
    if not destination.parent.is_dir():
        raise ArchiveError(f"The folder {destination.parent} does not exist.")
    # Private like the database it copies: it holds password hashes and email addresses.
    handle, partial = tempfile.mkstemp(dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "w+b") as file:
            manifest = _write_archive(file, allow_missing_files=allow_missing_files, progress=progress)
            file.flush()
            os.fsync(file.fileno())
        os.replace(partial, destination)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return ExportSummary(
        path=destination,
        rows={entry["model"]: entry["rows"] for entry in manifest["models"]},
        files=len(manifest["files"]),
        file_bytes=sum(entry["size"] for entry in manifest["files"]),
        missing_files=manifest["missing_files"],
    )


@contextmanager
def consistent_snapshot():
    """One view of the database for the whole export.

    PostgreSQL: a repeatable-read, read-only transaction, which never holds editors
    up. SQLite: a transaction, during which saves wait for the export to end.
    """
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _write_archive(file, *, allow_missing_files: bool, progress: Progress) -> dict:
    with zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        with consistent_snapshot():
            rows = [_write_rows_of(archive, model, progress) for model in archived_models()]
            files, missing = _write_files(archive, progress)
            migrations = applied_migrations()
        if missing and not allow_missing_files:
            raise ArchiveError(
                f"{len(missing)} file(s) the database refers to are missing from the storage ({some_of(missing)}). "
                "Put them back, or pass --allow-missing-files to export without them (the manifest lists them)."
            )
        manifest = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "newsroom_version": newsroom_version(),
            "django_version": django.get_version(),
            "database": connection.vendor,
            "migrations": migrations,
            "models": rows,
            "files": files,
            "missing_files": missing,
            "left_out": LEFT_OUT,
        }
        archive.writestr(MANIFEST_NAME, dump_manifest(manifest))
    return manifest


def relations_named_by_natural_key(model: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and label_of(field.related_model) in NAMED_BY_NATURAL_KEY
    ]


def rows_to_write(model: type[models.Model]) -> models.QuerySet:
    """Every row in primary-key order, with what its natural keys read (a permission's content
    type, a user's groups) fetched with the chunk rather than one query a row."""
    prefetches = [
        Prefetch(
            field.name,
            queryset=field.related_model._base_manager.select_related(
                *relations_named_by_natural_key(field.related_model)
            ),
        )
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
    return (
        model._base_manager.select_related(*relations_named_by_natural_key(model))
        .prefetch_related(*prefetches)
        .order_by("pk")
    )


def _counted(rows, bar):
    for row in rows:
        bar.update(1)
        yield row


def _write_rows_of(archive: zipfile.ZipFile, model: type[models.Model], progress: Progress) -> dict:
    label, member = label_of(model), data_member(label_of(model))
    total = model._base_manager.count()
    with progress(label, total=total, unit=" rows") as bar, archive.open(member, "w", force_zip64=True) as stream:
        digest = DigestWriter(stream)
        with text_writer(digest) as text:
            rows = _counted(rows_to_write(model).iterator(chunk_size=CHUNK_SIZE), bar)
            count = write_rows(rows, text, by_natural_key=label in MATCHED_BY_NAME)
    return {"model": label, "file": member, "rows": count, **digest.entry()}


def stored_names(model: type[models.Model], file_field: models.FileField) -> models.QuerySet:
    empty = Q(**{file_field.attname: ""}) | Q(**{f"{file_field.attname}__isnull": True})
    return model._base_manager.exclude(empty).order_by("pk").values_list(file_field.attname, flat=True)


def _write_files(archive: zipfile.ZipFile, progress: Progress) -> tuple[list[dict], list[str]]:
    """Copy every file a row refers to; the entries for the manifest, and the names not found."""
    entries, missing, seen = [], [], set()
    for model in archived_models():
        for file_field in file_fields(model):
            names = stored_names(model, file_field)
            field_label = f"{label_of(model)}.{file_field.name}"
            with progress(f"{field_label} files", total=names.count(), unit=" files") as bar:
                for name in names.iterator(chunk_size=CHUNK_SIZE):
                    bar.update(1)
                    if name in seen:
                        continue
                    seen.add(name)
                    entry = _write_file(archive, file_field.storage, name)
                    if entry is None:
                        missing.append(name)
                    else:
                        entries.append({"name": name, "field": field_label, **entry})
    return entries, missing


def _write_file(archive: zipfile.ZipFile, storage, name: str) -> dict | None:
    if not is_safe_file_name(name):
        raise ArchiveError(f"A stored file name leaves the storage folder: {name!r}.")
    try:
        source = storage.open(name, "rb")
    except FileNotFoundError:
        return None
    # Photos are compressed already: stored as they are, not deflated again.
    info = zipfile.ZipInfo(media_member(name), date_time=time.localtime()[:6])
    info.compress_type = zipfile.ZIP_STORED
    with source, archive.open(info, "w", force_zip64=True) as stream:
        digest = DigestWriter(stream)
        while chunk := source.read(COPY_BUFFER):
            digest.write(chunk)
    return {"file": info.filename, **digest.entry()}
