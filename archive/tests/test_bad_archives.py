"""A damaged, truncated, altered or foreign archive is refused with a clear message, and nothing is written."""

import hashlib
import json
import struct
import zipfile

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Article

from .conftest import empty_the_newsroom

LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a zip member's local header, before its name


@pytest.fixture
def exported(seeded, tmp_path, media_root):
    """An archive of the seeded newsroom, and a fresh database to import it into."""
    path = tmp_path / "newsroom.zip"
    call_command("export_content", path, verbosity=0)
    empty_the_newsroom(media_root)
    return path


def manifest_of(path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def a_photo_member(path) -> str:
    return next(entry["file"] for entry in manifest_of(path)["files"] if entry["name"].startswith("images/"))


def flip_a_byte(path, member: str) -> None:
    """Flip one byte in the middle of ``member``'s stored data, as a failing disk would."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    data = bytearray(path.read_bytes())
    header = LOCAL_HEADER.unpack_from(data, info.header_offset)
    name_length, extra_length = header[-2:]
    start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
    data[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def rewrite(path, *, replace: dict[str, bytes] | None = None, manifest=None) -> None:
    """The archive again, a well-formed zip, with some members' content replaced."""
    replace = dict(replace or {})
    if manifest is not None:
        replace["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path) as archive:
        members = {name: replace[name] if name in replace else archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def assert_nothing_written(media_root) -> None:
    assert not Article.objects.exists()
    assert not User.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*"))


def test_a_flipped_byte_in_a_photo_is_refused_before_anything_is_written(exported, media_root):
    member = a_photo_member(exported)
    flip_a_byte(exported, member)
    with pytest.raises(CommandError, match=f"{member} is damaged in the archive"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


def test_a_flipped_byte_in_the_rows_is_refused_before_anything_is_written(exported, media_root):
    flip_a_byte(exported, "data/articles.article.jsonl")
    with pytest.raises(CommandError, match="data/articles.article.jsonl is damaged in the archive"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


def test_a_photo_changed_after_the_export_fails_its_checksum(exported, media_root):
    member = a_photo_member(exported)
    rewrite(exported, replace={member: b"not the photo that was exported"})
    with pytest.raises(CommandError, match=f"Checksum mismatch for {member}"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


def test_rows_added_after_the_export_fail_the_checksum(exported, media_root):
    with zipfile.ZipFile(exported) as archive:
        rows = archive.read("data/articles.section.jsonl")
    rewrite(exported, replace={"data/articles.section.jsonl": rows + rows.splitlines(keepends=True)[0]})
    with pytest.raises(CommandError, match="Checksum mismatch for data/articles.section.jsonl"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


@pytest.mark.parametrize("kept", [0.3, 0.9, 0.999])
def test_a_truncated_archive_is_refused(exported, media_root, kept):
    data = exported.read_bytes()
    exported.write_bytes(data[: int(len(data) * kept)])
    with pytest.raises(CommandError, match="is not a complete Newsroom archive"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


def test_a_file_that_is_no_archive_is_refused(tmp_path, db):
    path = tmp_path / "notes.zip"
    path.write_text("Just some notes.")
    with pytest.raises(CommandError, match="is not a complete Newsroom archive"):
        call_command("import_content", path, verbosity=0)


def test_a_zip_without_a_manifest_is_refused(tmp_path, db):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"...")
    with pytest.raises(CommandError, match="has no manifest.json"):
        call_command("import_content", path, verbosity=0)


def test_a_missing_archive_is_named(tmp_path, db):
    with pytest.raises(CommandError, match="There is no archive at"):
        call_command("import_content", tmp_path / "nowhere.zip", verbosity=0)


def test_another_format_version_is_refused(exported, media_root):
    manifest = manifest_of(exported)
    rewrite(exported, manifest={**manifest, "format_version": 2})
    with pytest.raises(CommandError, match="format version 2; this Newsroom reads version 1"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


def test_a_member_the_manifest_does_not_list_is_refused(exported, media_root):
    with zipfile.ZipFile(exported, "a") as archive:
        archive.writestr("media/images/extra.jpg", b"...")
    with pytest.raises(CommandError, match="1 member\\(s\\) its manifest does not list, e.g. media/images/extra.jpg"):
        call_command("import_content", exported, verbosity=0)


def test_a_file_name_leaving_the_storage_is_refused(exported, media_root):
    manifest = manifest_of(exported)
    manifest["files"][0] = {**manifest["files"][0], "name": "../../etc/cron.d/x", "file": "media/../../etc/cron.d/x"}
    rewrite(exported, manifest=manifest)
    with pytest.raises(CommandError, match="outside the storage folder"):
        call_command("import_content", exported, verbosity=0)


def test_a_database_behind_the_archive_is_refused(exported, media_root):
    manifest = manifest_of(exported)
    manifest["migrations"]["articles"].append("9999_from_the_future")
    rewrite(exported, manifest=manifest)
    with pytest.raises(CommandError, match="lacks 1 migration\\(s\\) the archive was made with"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)


def test_rows_pointing_at_rows_the_archive_lacks_are_refused(exported, media_root):
    """Checked before the transaction commits, so the message names the cause; nothing stays behind."""
    manifest = manifest_of(exported)
    sections = next(entry for entry in manifest["models"] if entry["model"] == "articles.section")
    sections.update(rows=0, size=0, sha256=hashlib.sha256(b"").hexdigest())
    rewrite(exported, replace={"data/articles.section.jsonl": b""}, manifest=manifest)
    with pytest.raises(CommandError, match="refer to rows it does not hold"):
        call_command("import_content", exported, verbosity=0)
    assert_nothing_written(media_root)
