"""Saved versions of an article, read as an editor reads them, and restoring one's content.

A django-reversion revision holds the article row and the rows that follow it
(bylines, tags, "read also" links, corrections). ``Snapshot`` turns one of them, or
the article as it stands, into the editorial fields a person compares; ``changes``
lists what differs between two snapshots, field by field, as word diffs.

Restoring brings back **content** only — headline, kicker, standfirst, body, lead
photo and caption, SEO fields, tags, "read also" links, and the byline when the
editor asks for it. The article keeps its workflow state (status, publication
times, front-page placement, version counter) and its corrections, which are
append-only: restoring an old version never takes a live story offline.
"""

from dataclasses import dataclass, field

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from taggit.models import Tag

from authors.models import Author
from media.models import Image
from richtext.diff import text_of, word_diff

from .models import (
    Article,
    Byline,
    Correction,
    FormerSlug,
    RelatedArticle,
    Section,
    TaggedArticle,
    format_byline,
)
from .services import save_article

# The rows an article's revision holds besides the article (``articles.admin`` registers
# them); they belong to the article's history, not to one of their own.
REVISION_FOLLOWERS = (Byline, TaggedArticle, RelatedArticle, Correction, FormerSlug)

# Restored from a revision.
CONTENT_FIELDS = [
    "headline",
    "kicker",
    "standfirst",
    "body",
    "lead_image_id",
    "lead_image_caption",
    "seo_title",
    "seo_description",
]


# The fields of ``Snapshot`` comparisons (``_Names.describe``) that restoring brings back;
# the byline only when asked for.
RESTORED_KEYS = frozenset(
    {"kicker", "headline", "standfirst", "body", "lead_image", "lead_image_caption", "tags", "related"}
    | {"seo_title", "seo_description"}
)


@dataclass
class Snapshot:
    """An article's editorial fields at one moment, as ids and plain values."""

    fields: dict
    tag_ids: list[int] = field(default_factory=list)
    bylines: list[tuple[int, str, int]] = field(default_factory=list)  # author, role, position
    related_ids: list[int] = field(default_factory=list)
    corrections: list[tuple[str, object]] = field(default_factory=list)  # text, time

    @classmethod
    def of_version(cls, version) -> "Snapshot":
        snapshot = cls(fields=dict(version.field_dict))
        followers = {}
        for other in version.revision.version_set.select_related("content_type"):
            followers.setdefault(other.content_type.model_class(), []).append(other.field_dict)
        snapshot.tag_ids = [row["tag_id"] for row in followers.get(TaggedArticle, [])]
        snapshot.bylines = sorted(
            ((row["author_id"], row["role"], row["position"]) for row in followers.get(Byline, [])),
            key=lambda byline: byline[2],
        )
        links = sorted(followers.get(RelatedArticle, []), key=lambda row: (row["position"], row["id"]))
        snapshot.related_ids = [row["related_id"] for row in links]
        snapshot.corrections = sorted(
            ((row["text"], row["corrected_at"]) for row in followers.get(Correction, [])), key=lambda c: c[1]
        )
        return snapshot

    def as_json(self) -> dict:
        """The snapshot in a JSON column (corrections are never part of one that is stored)."""
        fields = {name: value for name, value in self.fields.items() if name in CONTENT_FIELDS + ["section_id"]}
        return {
            "fields": fields,
            "tag_ids": list(self.tag_ids),
            "bylines": [list(byline) for byline in self.bylines],
            "related_ids": list(self.related_ids),
        }

    @classmethod
    def from_json(cls, data: dict) -> "Snapshot":
        return cls(
            fields=dict(data.get("fields", {})),
            tag_ids=list(data.get("tag_ids", [])),
            bylines=[tuple(byline) for byline in data.get("bylines", [])],
            related_ids=list(data.get("related_ids", [])),
        )

    @classmethod
    def of_article(cls, article: Article) -> "Snapshot":
        stored = Article.objects.filter(pk=article.pk).values().get()
        return cls(
            fields=stored,
            tag_ids=list(TaggedArticle.objects.filter(content_object=article).values_list("tag_id", flat=True)),
            bylines=list(Byline.objects.filter(article=article).values_list("author_id", "role", "position")),
            related_ids=list(
                RelatedArticle.objects.filter(article=article)
                .order_by("position", "id")
                .values_list("related_id", flat=True)
            ),
            corrections=list(Correction.objects.filter(article=article).values_list("text", "corrected_at")),
        )


def _when(value) -> str:
    if not value:
        return ""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


class _Names:
    """Everything the snapshots refer to by id, looked up once for a comparison."""

    def __init__(self, *snapshots: Snapshot):
        def ids(getter):
            return {value for snapshot in snapshots for value in getter(snapshot) if value}

        self.sections = Section.objects.in_bulk(ids(lambda s: [s.fields.get("section_id")]))
        self.images = Image.objects.in_bulk(ids(lambda s: [s.fields.get("lead_image_id")]))
        self.tags = Tag.objects.in_bulk(ids(lambda s: s.tag_ids))
        self.authors = Author.objects.in_bulk(ids(lambda s: [author for author, _role, _pos in s.bylines]))
        self.articles = Article.objects.in_bulk(ids(lambda s: s.related_ids))

    def byline(self, snapshot: Snapshot) -> str:
        bylines = [
            Byline(author=self.authors[author], role=role)
            for author, role, _position in snapshot.bylines
            if author in self.authors
        ]
        return format_byline(bylines)

    def describe(self, snapshot: Snapshot) -> list[tuple[str, str, str]]:
        """(key, label, text) for every editorial field, in the order of the form."""
        f = snapshot.fields
        image = self.images.get(f.get("lead_image_id"))
        section = self.sections.get(f.get("section_id"))
        status = f.get("status") or ""
        return [
            ("kicker", _("Kicker"), f.get("kicker") or ""),
            ("headline", _("Headline"), f.get("headline") or ""),
            ("standfirst", _("Standfirst"), f.get("standfirst") or ""),
            ("body", _("Body"), text_of(f.get("body") or "")),
            ("section", _("Section"), section.name if section else ""),
            ("bylines", _("Byline"), self.byline(snapshot)),
            ("tags", _("Tags"), ", ".join(sorted(self.tags[t].name for t in snapshot.tag_ids if t in self.tags))),
            ("lead_image", _("Lead photo"), str(image) if image else ""),
            ("lead_image_caption", _("Lead photo caption"), f.get("lead_image_caption") or ""),
            (
                "related",
                _("Read also"),
                "\n".join(self.articles[a].headline for a in snapshot.related_ids if a in self.articles),
            ),
            ("seo_title", _("SEO title"), f.get("seo_title") or ""),
            ("seo_description", _("SEO description"), f.get("seo_description") or ""),
            ("status", _("Status"), Article.Status(status).label if status else ""),
            ("published_at", _("Publication time"), _when(f.get("published_at"))),
            ("updated_at", _("Updated"), _when(f.get("updated_at"))),
            (
                "corrections",
                _("Corrections"),
                "\n".join(f"{_when(when)}: {text}" for text, when in snapshot.corrections),
            ),
        ]


@dataclass
class FieldChange:
    key: str
    label: str
    diff: SafeString
    is_changed: bool


def changes(old: Snapshot | None, new: Snapshot) -> list[FieldChange]:
    """Every editorial field, from ``old`` to ``new`` (``new`` as it is when there is no ``old``)."""
    names = _Names(*(s for s in (old, new) if s))
    after = names.describe(new)
    before = names.describe(old) if old else after
    return [
        FieldChange(key, label, word_diff(str(old_text), str(new_text)), str(old_text) != str(new_text))
        for (key, label, old_text), (_key, _label, new_text) in zip(before, after, strict=True)
    ]


def _replace_relations(article: Article, snapshot: Snapshot, *, include_bylines: bool) -> None:
    """Tags, "read also" links and (when asked) the byline as ``snapshot`` has them, skipping
    tags, articles and authors that have gone since."""
    existing_tags = set(Tag.objects.filter(pk__in=snapshot.tag_ids).values_list("pk", flat=True))
    TaggedArticle.objects.filter(content_object=article).exclude(tag_id__in=existing_tags).delete()
    have = set(TaggedArticle.objects.filter(content_object=article).values_list("tag_id", flat=True))
    TaggedArticle.objects.bulk_create(
        TaggedArticle(content_object=article, tag_id=tag_id) for tag_id in existing_tags - have
    )
    existing_articles = set(
        Article.objects.filter(pk__in=snapshot.related_ids).exclude(pk=article.pk).values_list("pk", flat=True)
    )
    RelatedArticle.objects.filter(article=article).delete()
    RelatedArticle.objects.bulk_create(
        RelatedArticle(article=article, related_id=related, position=position)
        for position, related in enumerate(r for r in snapshot.related_ids if r in existing_articles)
    )
    if include_bylines:
        authors = set(Author.objects.filter(pk__in=[a for a, _r, _p in snapshot.bylines]).values_list("pk", flat=True))
        Byline.objects.filter(article=article).delete()
        Byline.objects.bulk_create(
            Byline(article=article, author_id=author, role=role, position=position)
            for author, role, position in snapshot.bylines
            if author in authors
        )


def apply_snapshot(
    *,
    article: Article,
    snapshot: Snapshot,
    user: AbstractBaseUser | None,
    fields: list[str],
    include_bylines: bool,
    comment: str | None,
) -> Article:
    """Write ``snapshot``'s ``fields`` and relations into ``article`` through ``save_article``.

    With a ``comment``, as a revision of the history; without, as a plain save (the
    preview of pending changes, inside a transaction it rolls back).
    """
    for name in fields:
        if name in snapshot.fields:
            setattr(article, name, snapshot.fields[name])
    if article.lead_image_id and not Image.objects.filter(pk=article.lead_image_id).exists():
        article.lead_image_id = None  # the photo has left the library since
    if not Section.objects.filter(pk=article.section_id).exists():
        article.section_id = Article.objects.values_list("section_id", flat=True).get(pk=article.pk)

    def save():
        save_article(
            article=article,
            user=user,
            save_related=lambda: _replace_relations(article, snapshot, include_bylines=include_bylines),
        )

    if comment is None:
        save()
        return article
    with transaction.atomic(), reversion.create_revision():
        save()
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
    return article


def restore_content(*, article: Article, version, user: AbstractBaseUser, include_bylines: bool = False) -> Article:
    """Bring back ``version``'s content into ``article``, keeping its workflow state and corrections."""
    saved_at = _when(version.revision.date_created)
    return apply_snapshot(
        article=article,
        snapshot=Snapshot.of_version(version),
        user=user,
        fields=CONTENT_FIELDS,
        include_bylines=include_bylines,
        comment=_("Restored the content of the version saved %(date)s") % {"date": saved_at},
    )
