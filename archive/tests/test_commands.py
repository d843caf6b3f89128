"""The commands around the round trip: refusing a newsroom with content, replacing it, a dry run,
and an export that fails without leaving a half archive."""

import json
import zipfile
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.tests.factories import ArticleFactory
from authors.tests.factories import staff_user
from media.models import Image
from media.tests.factories import ImageFactory

from .conftest import Picture, empty_the_newsroom, saved_with_revision


def export(path: Path, **options) -> Path:
    call_command("export_content", path, verbosity=0, **options)
    return path


def test_a_database_with_content_is_refused(seeded, tmp_path, media_root):
    archive = export(tmp_path / "newsroom.zip")
    before = Picture.take(media_root)
    with pytest.raises(CommandError, match="The database already holds content \\(.*4 auth.user.*--replace"):
        call_command("import_content", archive, verbosity=0)
    assert Picture.take(media_root) == before


def test_replace_brings_back_the_archived_newsroom(seeded, tmp_path, media_root, client):
    before = Picture.take(media_root)
    archive = export(tmp_path / "newsroom.zip")
    Article.objects.filter(pk=seeded.story.pk).update(body="<p>Changed after the backup.</p>")
    ArticleFactory(headline="Written after the backup")
    staff_user("newcomer", "Reporter")
    client.force_login(seeded.editor)
    assert Session.objects.exists()

    call_command("import_content", archive, replace=True, interactive=False, verbosity=0)

    after = Picture.take(media_root)
    assert (after.rows, after.bodies, after.accounts, after.groups, after.tags) == (
        before.rows,
        before.bodies,
        before.accounts,
        before.groups,
        before.tags,
    )
    assert after.files == before.files, "files already there and identical are kept, none is deleted"
    assert not Session.objects.exists(), "everyone is signed out of the replaced newsroom"


def test_replace_overwrites_a_different_file_at_an_archived_path(seeded, tmp_path, media_root):
    archive = export(tmp_path / "newsroom.zip")
    photo = Path(media_root) / seeded.story.lead_image.file.name
    original = photo.read_bytes()
    photo.write_bytes(b"a different photo")
    call_command("import_content", archive, replace=True, interactive=False, verbosity=0)
    assert photo.read_bytes() == original


def test_a_different_file_where_a_photo_goes_is_refused(seeded, tmp_path, media_root):
    archive = export(tmp_path / "newsroom.zip")
    name = seeded.story.lead_image.file.name
    empty_the_newsroom(media_root)
    (media_root / name).parent.mkdir(parents=True)
    (media_root / name).write_bytes(b"someone else's photo")
    with pytest.raises(CommandError, match=f"different file\\(s\\) where the archive's go \\({name}\\)"):
        call_command("import_content", archive, verbosity=0)
    assert not Article.objects.exists()
    assert [path.name for path in media_root.rglob("*") if path.is_file()] == [Path(name).name]


def test_a_dry_run_checks_everything_and_changes_nothing(seeded, tmp_path, media_root, capsys):
    archive = export(tmp_path / "newsroom.zip")
    empty_the_newsroom(media_root)
    call_command("import_content", archive, dry_run=True)
    assert not Article.objects.exists() and not media_root.exists()
    output = capsys.readouterr().out
    assert "The archive is intact" in output
    assert "Nothing was changed." in output


def test_a_dry_run_with_replace_says_what_it_would_delete(seeded, tmp_path, media_root, capsys):
    archive = export(tmp_path / "newsroom.zip")
    call_command("import_content", archive, dry_run=True, replace=True)
    assert "Would delete" in capsys.readouterr().out
    assert Article.objects.count() == 3


def test_replace_asks_first_and_a_no_changes_nothing(seeded, tmp_path, media_root, monkeypatch):
    archive = export(tmp_path / "newsroom.zip")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Import cancelled"):
        call_command("import_content", archive, replace=True, verbosity=0)
    assert Article.objects.count() == 3


def test_an_export_with_a_missing_photo_fails_and_leaves_no_file(seeded, tmp_path, media_root):
    (Path(media_root) / seeded.story.lead_image.file.name).unlink()
    folder = tmp_path / "backups"
    folder.mkdir()
    with pytest.raises(CommandError, match="1 file\\(s\\) the database refers to are missing from the storage"):
        export(folder / "newsroom.zip")
    assert list(folder.iterdir()) == []


def test_an_export_may_go_on_without_a_missing_photo_and_says_so(seeded, tmp_path, media_root):
    name = seeded.story.lead_image.file.name
    (Path(media_root) / name).unlink()
    archive = export(tmp_path / "newsroom.zip", allow_missing_files=True)
    with zipfile.ZipFile(archive) as opened:
        assert json.loads(opened.read("manifest.json"))["missing_files"] == [name]
    empty_the_newsroom(media_root)
    call_command("import_content", archive, verbosity=0)
    assert Image.objects.filter(file=name).exists()


def test_an_export_does_not_overwrite_a_file_unless_told(seeded, tmp_path):
    archive = tmp_path / "newsroom.zip"
    archive.write_text("last week's backup")
    with pytest.raises(CommandError, match="already exists"):
        export(archive)
    assert archive.read_text() == "last week's backup"
    export(archive, overwrite=True)
    assert zipfile.is_zipfile(archive)
    assert archive.stat().st_mode & 0o777 == 0o600, "password hashes inside: readable by its owner only"


def test_an_export_into_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        export(tmp_path / "nowhere" / "newsroom.zip")


def test_export_queries_do_not_grow_with_the_newsroom(seeded, tmp_path):
    """Rows are read a chunk at a time with what their natural keys name (a permission's
    content type, a user's groups) joined or prefetched, never one query a row."""

    def queries_to_export(name: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            export(tmp_path / name)
        return len(queries)

    before = queries_to_export("small.zip")
    for number in range(4):
        user = staff_user(f"extra{number}", "Editor")
        photo = ImageFactory(uploaded_by=user)
        article = ArticleFactory(authors=True, tags=["More", f"Tag {number}"], lead_image=photo)
        saved_with_revision(article, user, "Another revision")
    assert queries_to_export("larger.zip") == before
