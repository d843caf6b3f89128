"""Drafts of live stories: edits kept aside until an editor publishes them.

Saving a live article with "Save draft" (and every save a reporter makes to their
live story) stores ``PendingChanges`` instead of writing the article: readers, feeds,
sitemaps, search and the API go on serving the published version. The draft holds
content only — the text fields, section, tags, bylines and "read also" links —
because corrections, the address, publication times and front-page placement change
the live page at once and are published directly.
"""

from contextlib import contextmanager

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from .models import Article, ArticleNote, Byline, PendingChanges, RelatedArticle
from .permissions import can_publish
from .publishing import CURATION_FIELDS
from .revisions import CONTENT_FIELDS, Snapshot, apply_snapshot
from .services import WorkflowError, note_workflow

PENDING_FIELDS = [*CONTENT_FIELDS, "section_id"]
# Form fields that change the live page at once, so a draft of a live article cannot hold them.
LIVE_ONLY_FORM_FIELDS = ["slug", "published_at", *CURATION_FIELDS]


def snapshot_of_form(form, formsets) -> Snapshot:
    """What a valid article form and its inlines would publish, without saving any of it.

    ``form.instance`` already carries the form's values (the admin built it before
    validating); the inlines' rows come from their cleaned forms.
    """
    article = form.instance
    snapshot = Snapshot(fields={name: getattr(article, name) for name in PENDING_FIELDS})
    snapshot.tag_ids = [tag_named(name).pk for name in form.cleaned_data.get("tags") or []]
    for formset in formsets:
        kept = [
            row.cleaned_data
            for row in formset.forms
            if getattr(row, "cleaned_data", None) and not row.cleaned_data.get("DELETE")
        ]
        kept = [data for data in kept if any(data.get(name) for name in ("author", "tag", "related"))]
        if formset.model is Byline:
            snapshot.bylines = sorted(
                (
                    (data["author"].pk, data.get("role") or "", data.get("position") or 0)
                    for data in kept
                    if data.get("author")
                ),
                key=lambda byline: byline[2],
            )
        elif formset.model is RelatedArticle:
            links = sorted(kept, key=lambda data: data.get("position") or 0)
            snapshot.related_ids = [data["related"].pk for data in links]
    return snapshot


def tag_named(name: str) -> Tag:
    """The tag called ``name`` (in any case), made if there is none: a draft keeps tags by id."""
    return Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)


def keep_pending_changes(
    *,
    article: Article,
    snapshot: Snapshot,
    form_rows: list,
    user: AbstractBaseUser,
    submit: bool = False,
    note: str = "",
) -> PendingChanges:
    """Keep a draft of the live ``article``; ``submit`` asks an editor to publish it."""
    with transaction.atomic():
        pending, _created = PendingChanges.objects.update_or_create(
            article=article,
            defaults={
                "snapshot": snapshot.as_json(),
                "form_rows": form_rows,
                "base_version": article.version,
                "saved_by": user,
                "saved_at": timezone.now(),
                "is_submitted": submit,
            },
        )
        if submit:
            note_workflow(article=article, user=user, kind=ArticleNote.Kind.SUBMITTED, text=note)
    return pending


def _apply(article: Article, pending: PendingChanges, *, user, comment: str | None) -> None:
    snapshot = Snapshot.from_json(pending.snapshot)
    apply_snapshot(
        article=article, snapshot=snapshot, user=user, fields=PENDING_FIELDS, include_bylines=True, comment=comment
    )


def publish_pending_changes(*, article: Article, user: AbstractBaseUser) -> Article:
    """Put the pending draft on the live page, as one revision of the history."""
    if not can_publish(user):
        raise WorkflowError(_("Only editors can publish changes to a live article."))
    with transaction.atomic():
        pending = PendingChanges.objects.select_for_update().filter(article=article).first()
        if pending is None:
            raise WorkflowError(_("This article has no pending changes (they were published or discarded)."))
        _apply(article, pending, user=user, comment=_("Published the pending changes"))
        pending.delete()
    return article


def discard_pending_changes(*, article: Article, user: AbstractBaseUser) -> int:
    if not (can_publish(user) or PendingChanges.objects.filter(article=article, saved_by=user).exists()):
        raise WorkflowError(_("Only an editor or the person who saved them can discard pending changes."))
    deleted, _by_model = PendingChanges.objects.filter(article=article).delete()
    return deleted


@contextmanager
def pending_changes_applied(article: Article):
    """Inside the block, the database holds ``article`` with its pending changes; after it,
    as it was (the preview renders in between; nothing is announced or recorded)."""
    pending = PendingChanges.objects.filter(article=article).first()
    with transaction.atomic():
        if pending is not None:
            _apply(article, pending, user=None, comment=None)
        try:
            yield pending
        finally:
            transaction.set_rollback(True)
