"""Issue 9, finding 11: a whole newsroom survives export_content and import_content unchanged."""

import datetime
import json
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from reversion.models import Version

from archive.contents import archived_models, label_of
from articles.models import Article
from articles.revisions import restore_content
from articles.selectors.search import search_articles
from articles.tests.factories import ArticleFactory

from .conftest import FIRST_BODY, SECOND_BODY, Picture, empty_the_newsroom, sha256_of


def export(tmp_path, name="newsroom.zip"):
    path = tmp_path / name
    call_command("export_content", path, verbosity=0)
    return path


def test_the_seed_holds_rows_of_every_archived_model(seeded):
    """Models are archived by default: a new one fails here until the seed proves its round
    trip with a row, or ``archive.contents.LEFT_OUT`` names it with a reason."""
    empty = [label_of(model) for model in archived_models() if not model._base_manager.exists()]
    assert empty == []


def test_a_newsroom_comes_back_unchanged_in_a_fresh_database(seeded, tmp_path, media_root):
    before = Picture.take(media_root)
    article_type_id = ContentType.objects.get_for_model(Article).pk
    archive = export(tmp_path)

    empty_the_newsroom(media_root)
    assert not Article.objects.exists() and not media_root.exists()
    assert ContentType.objects.get_for_model(Article).pk != article_type_id, "a fresh database numbers them anew"
    call_command("import_content", archive, verbosity=0)

    after = Picture.take(media_root)
    assert after.rows == before.rows
    assert after.bodies == before.bodies
    assert after.files == before.files
    assert after.accounts == before.accounts
    assert after.groups == before.groups
    assert after.tags == before.tags


def test_the_seeded_files_are_originals_and_renditions(seeded, media_root):
    """The round trip above compares real photos, not an empty folder."""
    names = list(Picture.take(media_root).files)
    assert any(name.startswith("images/") for name in names)
    assert sum(name.startswith("renditions/") for name in names) >= 10


def test_revisions_are_restorable_after_the_round_trip(seeded, tmp_path, media_root):
    archive = export(tmp_path)
    empty_the_newsroom(media_root)
    call_command("import_content", archive, verbosity=0)

    story = Article.objects.get(pk=seeded.story.pk)
    versions = list(Version.objects.get_for_object(story))
    assert [version.revision.comment for version in versions] == ["Second", "First"]
    assert versions[1].field_dict["body"] == FIRST_BODY
    assert versions[1].revision.user.username == "ed"
    assert sorted(versions[1].revision.version_set.values_list("content_type__model", flat=True)) == [
        "article",
        "byline",
        "byline",
        "taggedarticle",
        "taggedarticle",
    ]

    restore_content(article=story, version=versions[1], user=versions[1].revision.user)
    story.refresh_from_db()
    assert story.body == FIRST_BODY != SECOND_BODY
    assert sorted(story.tags.names()) == ["Bridges", "Economy"]


def test_new_rows_after_an_import_get_fresh_ids(seeded, tmp_path, media_root):
    """PostgreSQL's sequences are moved past the imported ids."""
    highest = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    archive = export(tmp_path)
    empty_the_newsroom(media_root)
    call_command("import_content", archive, verbosity=0)
    assert ArticleFactory().pk > highest


def test_search_documents_are_rebuilt_on_import(seeded, tmp_path, media_root):
    archive = export(tmp_path)
    empty_the_newsroom(media_root)
    call_command("import_content", archive, verbosity=0)
    assert seeded.story.pk in {article.pk for article in search_articles("night", size=100).articles}
    if connection.vendor == "postgresql":
        assert not Article.objects.filter(search_vector__isnull=True).exists()
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM article_search")
            assert cursor.fetchone()[0] == Article.objects.count()


def test_the_manifest_lists_versions_counts_and_checksums(seeded, tmp_path):
    archive = export(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        assert manifest["format"] == "newsroom-archive"
        assert manifest["format_version"] == 1
        assert manifest["django_version"].startswith("5.")
        assert manifest["newsroom_version"] != "unknown"
        counts = {entry["model"]: entry["rows"] for entry in manifest["models"]}
        assert counts["articles.article"] == Article.objects.count()
        assert counts["reversion.version"] == Version.objects.count()
        for entry in manifest["models"] + manifest["files"]:
            assert sha256_of(opened.read(entry["file"])) == entry["sha256"]
            assert opened.getinfo(entry["file"]).file_size == entry["size"]
        assert {entry["name"] for entry in manifest["files"]} >= {seeded.story.lead_image.file.name}
        assert "sessions.session" in manifest["left_out"]


def test_times_keep_their_microseconds(seeded, tmp_path, media_root):
    created_at = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC)
    Article.objects.filter(pk=seeded.story.pk).update(created_at=created_at)
    archive = export(tmp_path)
    empty_the_newsroom(media_root)
    call_command("import_content", archive, verbosity=0)
    assert Article.objects.get(pk=seeded.story.pk).created_at == created_at


def test_an_archive_made_before_the_listing_times_gets_them_from_its_articles(seeded, tmp_path, media_root):
    """Bylines and tag rows exported before they carried ``listed_at`` load without it; the
    import copies it from their articles, as it rebuilds the search documents, so tag and
    author pages list the imported stories."""
    archive = export(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        members = {name: opened.read(name) for name in opened.namelist()}
    for entry in manifest["models"]:
        if entry["model"] in ("articles.byline", "articles.taggedarticle"):
            rows = [json.loads(line) for line in members[entry["file"]].decode().splitlines()]
            for row in rows:
                del row["fields"]["listed_at"]
            members[entry["file"]] = "".join(json.dumps(row) + "\n" for row in rows).encode()
            entry.update(size=len(members[entry["file"]]), sha256=sha256_of(members[entry["file"]]))
    manifest["migrations"]["articles"].remove("0012_listing_order_on_join_rows")
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(archive, "w") as rewritten:
        for name, content in members.items():
            rewritten.writestr(name, content)

    empty_the_newsroom(media_root)
    call_command("import_content", archive, verbosity=0)
    story = Article.objects.get(pk=seeded.story.pk)
    assert story.listed_at is not None
    assert set(story.bylines.values_list("listed_at", flat=True)) == {story.listed_at}
    assert set(story.tagged_items.values_list("listed_at", flat=True)) == {story.listed_at}
    assert list(Article.objects.published().tagged(story.tags.first())) != []
