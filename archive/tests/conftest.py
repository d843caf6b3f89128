"""A small newsroom with a row in every archived model, and a picture of it to compare after a round trip."""

import datetime
import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from archive.contents import MATCHED_BY_NAME, NAMED_BY_NATURAL_KEY, archived_models, label_of
from articles.models import (
    Article,
    ArticleNote,
    AutosaveDraft,
    CallToAction,
    Correction,
    DailyReads,
    EditingPresence,
    FormerSlug,
    PendingChanges,
    RelatedArticle,
)
from articles.services import save_article
from articles.tests.factories import ArticleFactory, SectionFactory
from authors.models import AuthorLink
from authors.tests.factories import AuthorFactory, staff_user
from media.renditions import build_renditions
from media.tests.factories import ImageFactory, photo_upload
from pages.tests.factories import PageFactory

FIRST_BODY = "<p>The first version: the bridge held, said the mayor. Ünïcödé — «quotes» and 🚀.</p>"
SECOND_BODY = "<p>The second version: the bridge held through the night.</p><h2>What next</h2><p>Repairs.</p>"


def saved_with_revision(article: Article, user: User, comment: str) -> None:
    with reversion.create_revision():
        save_article(article=article, user=user)
        reversion.set_user(user)
        reversion.set_comment(comment)


@dataclass
class Seeded:
    story: Article
    editor: User


@pytest.fixture
def seeded(db) -> Seeded:
    """Accounts in groups (one made here) and with a permission of their own, authors with
    avatars and links, photos with renditions, tagged articles with two revisions, and a
    row of every other archived model."""
    editor = staff_user("ed", "Editor")
    reporter = staff_user("rita", "Reporter", email="rita@example.org")
    photo_desk = staff_user("pat", "Photo editor")
    User.objects.create_superuser("chief", "chief@example.org", "x")
    reporter.user_permissions.add(Permission.objects.get(codename="link_author_account"))
    night_desk = Group.objects.create(name="Night desk")
    night_desk.permissions.add(Permission.objects.get(codename="publish_article"))
    editor.groups.add(night_desk)

    lead = ImageFactory(
        file=photo_upload("bridge.jpg", width=400, height=300),
        uploaded_by=photo_desk,
        focal_point_x=0.25,
        focal_point_y=0.5,
    )
    build_renditions(lead)
    jane = AuthorFactory(name="Jane Example", slug="jane-example", user=reporter)
    AuthorLink.objects.create(author=jane, kind=AuthorLink.Kind.MASTODON, url="https://example.social/@jane")
    john = AuthorFactory(name="John Second", slug="john-second")
    AuthorFactory(name="Wire Agency", slug="wire-agency", avatar=None)

    war = SectionFactory(slug="war", name="War")
    story = ArticleFactory(
        section=war,
        lead_image=lead,
        headline="The bridge held",
        standfirst="A line\u2028separator, a tab\tand a new\nline survive.",
        body=FIRST_BODY,
        authors=[jane, john],
        tags=["Bridges", "Economy"],
    )
    saved_with_revision(story, editor, "First")
    story.body = SECOND_BODY
    saved_with_revision(story, editor, "Second")
    other = ArticleFactory(section=SectionFactory(slug="economy", name="Economy"), authors=[john], tags=["Economy"])
    ArticleFactory(draft=True, section=war, created_by=reporter, headline="A draft in the works")
    RelatedArticle.objects.create(article=story, related=other, position=1)
    Correction.objects.create(article=story, text="An earlier version misspelt the mayor's name.")
    FormerSlug.objects.create(article=story, slug="the-bridge-may-hold")
    ArticleNote.objects.create(article=story, kind=ArticleNote.Kind.SUBMITTED, text="Ready", written_by=reporter)
    PendingChanges.objects.create(article=other, snapshot={"fields": {"headline": "New"}}, base_version=other.version)
    AutosaveDraft.objects.create(user=reporter, article=story, tab="tab-1", data=[["headline", "Typed", ""]])
    DailyReads.objects.create(article=story, day=timezone.localdate() - datetime.timedelta(days=1), count=42)
    CallToAction.objects.create(link_url="https://example.org/join", text="Support us.")
    PageFactory(title="Privacy", slug="privacy", body="<h2>Cookies</h2><p>None for readers.</p>", position=4)
    TaggedItem.objects.create(tag=Tag.objects.get(name="Bridges"), content_object=jane)
    # Left out of the archive, yet here, as on a live site.
    EditingPresence.objects.create(user=editor, article=story, tab="tab-2")
    return Seeded(story=story, editor=editor)


def sha256_of(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


@dataclass
class Picture:
    """What a lossless round trip keeps: rows, article bodies, files, accounts and tags."""

    rows: dict
    bodies: dict
    files: dict
    accounts: dict
    groups: dict
    tags: dict

    @classmethod
    def take(cls, media_root: Path) -> "Picture":
        return cls(
            rows=stored_rows(),
            bodies={pk: sha256_of(body) for pk, body in Article.objects.values_list("pk", "body")},
            files=files_under(media_root),
            accounts={
                user.username: (
                    sorted(group.name for group in user.groups.all()),
                    sorted(permission.codename for permission in user.user_permissions.all()),
                )
                for user in User.objects.prefetch_related("groups", "user_permissions")
            },
            groups={
                group.name: sorted(permission.codename for permission in group.permissions.all())
                for group in Group.objects.prefetch_related("permissions")
            },
            tags={article.pk: sorted(article.tags.names()) for article in Article.objects.all()},
        )


def stored_rows() -> dict[str, list[dict]]:
    """Every archived row as stored, by model, with what may be numbered differently in
    another database (content types, groups) by name instead of id."""
    rows = {}
    for model in archived_models():
        named = [
            field
            for field in model._meta.concrete_fields
            if field.is_relation and label_of(field.related_model) in NAMED_BY_NATURAL_KEY
        ]
        values = list(model._base_manager.order_by("pk").values())
        for row in values:
            row.pop("search_vector", None)  # rebuilt on import, compared by searching
            if label_of(model) in MATCHED_BY_NAME:
                row.pop("id")
            for field in named:
                related_id = row.pop(field.attname)
                row[field.name] = field.related_model._base_manager.get(pk=related_id).natural_key()
        rows[label_of(model)] = sorted(values, key=repr)
    return rows


def files_under(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): sha256_of(path.read_bytes())
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


@pytest.fixture(autouse=True)
def forget_content_type_ids():
    """``empty_the_newsroom`` numbers content types anew, and the rollback after the test brings
    the old numbers back: the cache of ids must not outlive the test."""
    yield
    ContentType.objects.clear_cache()


def empty_the_newsroom(media_root: Path) -> None:
    """As a fresh install is: every table emptied, then what migrate makes (content types,
    permissions, role groups) made again under new ids; no uploads."""
    # PostgreSQL's TRUNCATE refuses tables with foreign-key checks pending from this transaction.
    connection.check_constraints()
    call_command("flush", interactive=False, reset_sequences=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)
