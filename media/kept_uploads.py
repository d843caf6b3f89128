"""A photo chosen in a form that came back with an error is kept, so nobody chooses it twice.

The file waits under ``kept-uploads/`` in the uploads storage; the form carries a
signed token naming it, good for a day, and a resubmission without a new file uses
it. ``prune_kept_uploads`` (run by ``manage.py prune_autosaves``) removes the
leftovers.
"""

import datetime
import uuid
from pathlib import PurePath

from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

KEPT_DIR = "kept-uploads"
KEPT_FOR = datetime.timedelta(days=1)
_SALT = "media.kept-upload"


def keep_upload(upload) -> str:
    """Store ``upload`` aside; the token that brings it back."""
    suffix = PurePath(upload.name or "").suffix.lower()[:8]
    upload.seek(0)
    stored = default_storage.save(f"{KEPT_DIR}/{uuid.uuid4().hex}{suffix}", upload)
    upload.seek(0)
    return signing.dumps({"stored": stored, "name": PurePath(upload.name or "photo").name}, salt=_SALT)


def kept_upload(token: str) -> SimpleUploadedFile | None:
    """The file a token names, as a fresh upload; None when the token is bad, old or the file gone."""
    try:
        kept = signing.loads(token, salt=_SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    stored = str(kept.get("stored", ""))
    if not stored.startswith(f"{KEPT_DIR}/") or ".." in stored or not default_storage.exists(stored):
        return None
    with default_storage.open(stored) as file:
        return SimpleUploadedFile(kept.get("name") or "photo", file.read())


def kept_upload_name(token: str) -> str:
    try:
        return signing.loads(token, salt=_SALT, max_age=KEPT_FOR).get("name", "")
    except signing.BadSignature:
        return ""


def prune_kept_uploads(*, older_than: datetime.timedelta = KEPT_FOR) -> int:
    if not default_storage.exists(KEPT_DIR):
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for name in default_storage.listdir(KEPT_DIR)[1]:
        path = f"{KEPT_DIR}/{name}"
        if default_storage.get_modified_time(path) < cutoff:
            default_storage.delete(path)
            removed += 1
    return removed
