"""Loading an archive into a newsroom (``manage.py import_content``).

Nothing is written until everything has been checked: the manifest and its format
version, every member's size and SHA-256 (and each data file's row count), the
database's migrations, that the database holds no content (or ``replace`` says to
delete it), and that no different file already sits where a photo is to go. Then,
in one transaction, the rows are saved raw — as stored, with no model ``save()``
and with ``raw=True`` for the signal receivers, so no cache purge, event or search
refresh runs per row — after which the sequences are moved past the loaded ids, the
search documents and the bylines' and tag rows' copies of their articles' publication
times (``articles.models.ListedAtField``) rebuilt, and the files written through the storage. A failure
rolls the rows back and removes the files written so far.
"""

import hashlib
import io
import json
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files import File
from django.core.files.storage import Storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, connection, models, transaction

from articles.models import copy_listed_at_from_articles
from articles.search_index import rebuild_search_index

from .contents import MATCHED_BY_NAME, archived_models, content_present, file_fields, label_of, tables_replaced
from .layout import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    ArchiveError,
    applied_migrations,
    data_member,
    is_safe_file_name,
    media_member,
    some_of,
)
from .progress import Progress, no_progress

READ_BUFFER = 1 << 20


@dataclass(frozen=True)
class ArchivedRows:
    model: type[models.Model]
    member: str
    rows: int
    size: int
    sha256: str

    @property
    def label(self) -> str:
        return label_of(self.model)


@dataclass(frozen=True)
class ArchivedFile:
    name: str
    storage: Storage
    member: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """What the archive says it holds, checked against this Newsroom's models."""

    raw: dict
    rows: list[ArchivedRows]
    files: list[ArchivedFile]

    @property
    def members(self) -> list[str]:
        return [MANIFEST_NAME] + [entry.member for entry in self.rows] + [entry.member for entry in self.files]


@dataclass
class ImportSummary:
    rows: dict[str, int]
    files_to_write: int = 0
    files_written: int = 0
    files_already_there: int = 0
    files_overwritten: list[str] = field(default_factory=list)
    replaced: dict[str, int] = field(default_factory=dict)
    missing_files: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    is_dry_run: bool = False


def import_newsroom(
    *, source: Path, replace: bool = False, dry_run: bool = False, progress: Progress = no_progress
) -> ImportSummary:
    """Load the archive ``source``; ``replace`` first deletes the content already there.

    Raises ``ArchiveError`` (and changes nothing) for an archive that is damaged,
    truncated, of another format version, or does not fit this database.
    """
    with open_archive(Path(source)) as archive:
        manifest = read_manifest(archive)
        verify_members(archive, manifest, progress)
        warnings = check_migrations(manifest.raw)
        present = content_present()
        if present and not replace:
            raise ArchiveError(
                f"The database already holds content ({describe_counts(present)}). Import into an empty "
                "database (a fresh install after `manage.py migrate`), or pass --replace to delete every "
                "article, author, image, tag, revision, user account and group first."
            )
        to_write, already_there, conflicting = plan_files(manifest.files)
        if conflicting and not replace:
            raise ArchiveError(
                f"The storage already holds {len(conflicting)} different file(s) where the archive's go "
                f"({some_of(conflicting)}). Move them away, "
                "or pass --replace to overwrite them."
            )
        summary = ImportSummary(
            rows={entry.label: entry.rows for entry in manifest.rows},
            files_to_write=len(to_write),
            files_already_there=already_there,
            files_overwritten=conflicting,
            replaced=rows_replaced() if replace else {},
            missing_files=list(manifest.raw.get("missing_files") or []),
            warnings=warnings,
            is_dry_run=dry_run,
        )
        if not dry_run:
            summary.files_written = _load(
                archive, manifest, files=to_write, overwrite=set(conflicting), replace=replace, progress=progress
            )
    return summary


def describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {label}" for label, count in counts.items())


# Reading and checking ---------------------------------------------------------------


@contextmanager
def open_archive(path: Path):
    if not path.is_file():
        raise ArchiveError(f"There is no archive at {path}.")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ArchiveError(
            f"{path} is not a complete Newsroom archive (truncated, or not a zip file): {error}."
        ) from error
    with archive:
        yield archive


@contextmanager
def reading(member: str):
    """Errors of a damaged member (bad CRC, bad compressed data, cut short) as one clear ``ArchiveError``."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, UnicodeDecodeError) as error:
        raise ArchiveError(f"{member} is damaged in the archive ({error}); nothing was imported.") from error


def read_manifest(archive: zipfile.ZipFile) -> Manifest:
    if MANIFEST_NAME not in archive.namelist():
        raise ArchiveError(f"The archive has no {MANIFEST_NAME}: it was not made by export_content.")
    with reading(MANIFEST_NAME):
        try:
            raw = json.loads(archive.read(MANIFEST_NAME))
        except json.JSONDecodeError as error:
            raise ArchiveError(f"{MANIFEST_NAME} is not valid JSON ({error}).") from error
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise ArchiveError(f"The archive's {MANIFEST_NAME} is not a Newsroom archive's manifest.")
    if raw.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"The archive is in format version {raw.get('format_version')!r}; this Newsroom reads version "
            f"{FORMAT_VERSION}. Import it with the Newsroom version that made it ({raw.get('newsroom_version')})."
        )
    importable = archived_models()
    try:
        return Manifest(
            raw=raw,
            rows=[archived_rows(entry, importable) for entry in raw["models"]],
            files=[archived_file(entry, importable) for entry in raw["files"]],
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise ArchiveError(f"The archive's {MANIFEST_NAME} is malformed ({error!r}).") from error


def archived_rows(entry: dict, importable: list[type[models.Model]]) -> ArchivedRows:
    label = entry["model"]
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise ArchiveError(f"The archive holds rows of {label}, a model this Newsroom does not have.") from None
    if model not in importable or entry["file"] != data_member(label):
        raise ArchiveError(f"The archive holds rows of {label}, which this Newsroom does not import.")
    return ArchivedRows(model, entry["file"], int(entry["rows"]), int(entry["size"]), str(entry["sha256"]))


def archived_file(entry: dict, importable: list[type[models.Model]]) -> ArchivedFile:
    name, field_label = entry["name"], entry["field"]
    model_label, _dot, field_name = field_label.rpartition(".")
    try:
        model = apps.get_model(model_label)
        file_field = model._meta.get_field(field_name)
    except (LookupError, ValueError):
        raise ArchiveError(f"The archive holds files of {field_label}, which this Newsroom does not have.") from None
    if model not in importable or file_field not in file_fields(model):
        raise ArchiveError(f"The archive holds files of {field_label}, which this Newsroom does not import.")
    if not is_safe_file_name(name) or entry["file"] != media_member(name):
        raise ArchiveError(f"The archive names a file outside the storage folder: {name!r}.")
    return ArchivedFile(name, file_field.storage, entry["file"], int(entry["size"]), str(entry["sha256"]))


def verify_members(archive: zipfile.ZipFile, manifest: Manifest, progress: Progress) -> None:
    """Every member the manifest lists, and nothing else, with its size, SHA-256 and row count."""
    names = archive.namelist()
    if len(names) != len(set(names)):
        raise ArchiveError("The archive holds the same name twice; it was not made by export_content.")
    expected = manifest.members
    if missing := sorted(set(expected) - set(names)):
        raise ArchiveError(f"The archive lacks {len(missing)} member(s) its manifest lists, e.g. {missing[0]}.")
    if extra := sorted(set(names) - set(expected)):
        raise ArchiveError(f"The archive holds {len(extra)} member(s) its manifest does not list, e.g. {extra[0]}.")
    entries = manifest.rows + manifest.files
    with progress("Checking the archive", total=sum(entry.size for entry in entries), unit="B") as bar:
        for entry in entries:
            size, sha256, lines = _digest(archive, entry.member, bar)
            if (size, sha256) != (entry.size, entry.sha256):
                raise ArchiveError(
                    f"Checksum mismatch for {entry.member}: the archive is damaged or was changed after it was "
                    "made; nothing was imported."
                )
            if isinstance(entry, ArchivedRows) and lines != entry.rows:
                raise ArchiveError(f"{entry.member} holds {lines} rows; its manifest says {entry.rows}.")


def _digest(archive: zipfile.ZipFile, member: str, bar) -> tuple[int, str, int]:
    sha256, size, lines = hashlib.sha256(), 0, 0
    with reading(member), archive.open(member) as stream:
        while chunk := stream.read(READ_BUFFER):
            sha256.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            bar.update(len(chunk))
    return size, sha256.hexdigest(), lines


def check_migrations(raw_manifest: dict) -> list[str]:
    """Refuses a database behind the archive's schema; a warning for one ahead of it."""
    archived = raw_manifest.get("migrations") or {}
    applied = {app: set(names) for app, names in applied_migrations().items()}
    lacking = [f"{app}.{name}" for app, names in archived.items() for name in names if name not in applied.get(app, ())]
    if lacking:
        raise ArchiveError(
            f"This database lacks {len(lacking)} migration(s) the archive was made with (e.g. {lacking[0]}): "
            f"run `manage.py migrate` with Newsroom {raw_manifest.get('newsroom_version')} or later first."
        )
    newer = [
        f"{app}.{name}" for app, names in applied.items() for name in sorted(names) if name not in archived.get(app, ())
    ]
    if not newer:
        return []
    return [
        f"This database has {len(newer)} migration(s) newer than the archive (e.g. {newer[0]}): the rows were "
        "loaded as they were exported, without the data changes those migrations make."
    ]


def plan_files(files: list[ArchivedFile]) -> tuple[list[ArchivedFile], int, list[str]]:
    """The files to write; how many are there already, identical; the names taken by different files."""
    to_write, already_there, conflicting = [], 0, []
    for entry in files:
        if entry.storage.exists(entry.name):
            if _stored_sha256(entry.storage, entry.name) == entry.sha256:
                already_there += 1
                continue
            conflicting.append(entry.name)
        to_write.append(entry)
    return to_write, already_there, conflicting


def _stored_sha256(storage: Storage, name: str) -> str:
    sha256 = hashlib.sha256()
    with storage.open(name, "rb") as stored:
        while chunk := stored.read(READ_BUFFER):
            sha256.update(chunk)
    return sha256.hexdigest()


def rows_replaced() -> dict[str, int]:
    """What ``replace`` deletes, by model label (the role groups come back from the archive)."""
    counts = {}
    for model in archived_models():
        if count := model._base_manager.count():
            counts[label_of(model)] = count
    return counts


# Writing ----------------------------------------------------------------------------


def _load(
    archive: zipfile.ZipFile,
    manifest: Manifest,
    *,
    files: list[ArchivedFile],
    overwrite: set[str],
    replace: bool,
    progress: Progress,
) -> int:
    written: list[tuple[Storage, str]] = []
    try:
        with transaction.atomic():
            if replace:
                _empty_replaced_tables()
            for entry in manifest.rows:
                _load_rows(archive, entry, progress)
            _check_references([entry.model for entry in manifest.rows])
            _reset_sequences([entry.model for entry in manifest.rows])
            _rebuild_search_documents()
            copy_listed_at_from_articles()  # derived too, and missing from archives made before it
            _write_files(archive, files, overwrite=overwrite, written=written, progress=progress)
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    return len(written)


def _empty_replaced_tables() -> None:
    """Delete in bulk, as ``flush`` does: no ``post_delete`` receiver runs, so no photo file is
    removed from the storage on commit (the archive's own files are written in their place)."""
    try:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses a table whose foreign-key checks are still pending from rows
            # written earlier in the same transaction: run those checks first.
            connection.check_constraints()
        connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables_replaced()))
    except DatabaseError as error:
        raise ArchiveError(f"The existing content could not be deleted ({error}); nothing was changed.") from error


def _load_rows(archive: zipfile.ZipFile, entry: ArchivedRows, progress: Progress) -> None:
    # The database holds none of these rows (checked, or emptied): insert without trying an
    # update first. Groups are the exception, matched by name to those migrate made.
    force_insert = entry.label not in MATCHED_BY_NAME
    loaded = 0
    with (
        progress(entry.label, total=entry.rows, unit=" rows") as bar,
        reading(entry.member),
        archive.open(entry.member) as stream,
    ):
        lines = io.TextIOWrapper(stream, encoding="utf-8", newline="\n")
        try:
            for row in serializers.deserialize("jsonl", lines):
                if label_of(type(row.object)) != entry.label:
                    raise ArchiveError(f"{entry.member} holds a row of {label_of(type(row.object))}.")
                row.save(force_insert=force_insert)
                loaded += 1
                bar.update(1)
        except (DeserializationError, DatabaseError) as error:
            raise ArchiveError(f"Row {loaded + 1} of {entry.label} could not be loaded: {error}") from error


def _check_references(loaded: list[type[models.Model]]) -> None:
    """Every foreign key points at a row, now rather than at commit, so the message can say so."""
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in loaded])
    except DatabaseError as error:
        raise ArchiveError(f"The archive's rows refer to rows it does not hold ({error}).") from error


def _reset_sequences(loaded: list[type[models.Model]]) -> None:
    """Move each id sequence past the loaded ids (PostgreSQL), so the next article gets a free id."""
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), loaded):
            cursor.execute(statement)


def _rebuild_search_documents() -> None:
    """The search documents are derived data, left out of the archive: build them from the rows."""
    rebuild_search_index()  # in this transaction: one range after another


def _write_files(
    archive: zipfile.ZipFile,
    files: list[ArchivedFile],
    *,
    overwrite: set[str],
    written: list[tuple[Storage, str]],
    progress: Progress,
) -> None:
    with progress("Files", total=len(files), unit=" files") as bar:
        for entry in files:
            if entry.name in overwrite:
                entry.storage.delete(entry.name)
            try:
                with archive.open(entry.member) as stream:
                    stored = entry.storage.save(entry.name, File(stream, name=entry.name))
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
                raise ArchiveError(f"{entry.name} could not be restored ({error}); nothing was imported.") from error
            written.append((entry.storage, stored))
            if stored != entry.name:
                raise ArchiveError(f"The storage kept {entry.name} as {stored}; nothing was imported.")
            bar.update(1)
