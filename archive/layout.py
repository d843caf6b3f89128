"""The archive file: one zip holding ``manifest.json``, ``data/<model>.jsonl`` and ``media/<file>``.

A zip rather than a tarball because its members can be read in any order (the
manifest is checked before anything else, and rows load in dependency order) and each
carries its own CRC besides the manifest's SHA-256. Rows are Django's JSON lines, one
object a line, with three changes that keep a round trip exact and portable:
times keep their microseconds (Django's encoder keeps milliseconds), content types,
permissions and groups are named by natural key (their ids differ between databases,
while every other row keeps its primary key, which revisions' ``object_id`` and the
rows inside them rely on), and the PostgreSQL search documents are left out, to be
rebuilt from the rows after loading.
"""

import datetime
import hashlib
import io
import json
import tomllib
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLinesSerializer
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from .contents import NAMED_BY_NATURAL_KEY, label_of

FORMAT_NAME = "newsroom-archive"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_DIR = "data"
MEDIA_DIR = "media"
# Columns the database derives from the others: rebuilt after an import, never archived.
DERIVED_FIELD_TYPES = (SearchVectorField,)


class ArchiveError(Exception):
    """The archive cannot be written or read, or does not fit this database; the message says why."""


def data_member(label: str) -> str:
    return f"{DATA_DIR}/{label}.jsonl"


def media_member(name: str) -> str:
    return f"{MEDIA_DIR}/{name}"


def is_safe_file_name(name: str) -> bool:
    """A relative path that stays inside the storage (no "..", no absolute path, no backslash)."""
    path = PurePosixPath(name)
    return bool(name) and "\\" not in name and not path.is_absolute() and ".." not in path.parts


def some_of(names: list[str], shown: int = 3) -> str:
    """The first few names, for a message about many: "a.jpg, b.jpg, c.jpg, …"."""
    return ", ".join(names[:shown]) + (", …" if len(names) > shown else "")


def newsroom_version() -> str:
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as project:
            return tomllib.load(project)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def applied_migrations() -> dict[str, list[str]]:
    """The migrations this database has applied, by app: the schema the rows fit."""
    applied = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Times with their microseconds: a restored article keeps the exact times it had."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class RowSerializer(JSONLinesSerializer):
    """Django's JSON lines, naming only ``NAMED_BY_NATURAL_KEY`` models by natural key.

    Django names every related model that has a natural key that way (users by
    username, tags by name), which costs a query per row on loading; ids are kept for
    all the others. Serialize with ``use_natural_foreign_keys=True``.
    """

    def start_serialization(self):
        super().start_serialization()
        self.rows = 0

    def handle_field(self, obj, field):
        if not isinstance(field, DERIVED_FIELD_TYPES):
            super().handle_field(obj, field)

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = label_of(field.related_model) in NAMED_BY_NATURAL_KEY
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = label_of(field.related_model) in NAMED_BY_NATURAL_KEY
        super().handle_m2m_field(obj, field)

    def end_object(self, obj):
        super().end_object(obj)
        self.rows += 1


def write_rows(queryset, stream, *, by_natural_key: bool) -> int:
    """Write ``queryset`` (an iterator) to the text ``stream`` as JSON lines; how many rows."""
    serializer = RowSerializer()
    serializer.serialize(
        queryset,
        stream=stream,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=by_natural_key,
        cls=FullPrecisionEncoder,
    )
    return serializer.rows


class DigestWriter(io.RawIOBase):
    """Passes bytes on to ``target``, counting them and taking their SHA-256 on the way."""

    def __init__(self, target):
        super().__init__()
        self.target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sha256.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)

    def entry(self) -> dict:
        return {"size": self.size, "sha256": self.sha256.hexdigest()}


def text_writer(raw: DigestWriter) -> io.TextIOWrapper:
    """UTF-8 text over ``raw``, buffered, so the serializer's many small writes are cheap."""
    return io.TextIOWrapper(io.BufferedWriter(raw, buffer_size=1 << 16), encoding="utf-8", newline="\n")


def dump_manifest(manifest: dict) -> bytes:
    return json.dumps(manifest, indent=2, ensure_ascii=False).encode()
