"""Writes to articles that do more than fill their own row: saving, the workflow, curation.

The admin's forms and actions, the reader site's read counter and the commands call
these, so every path applies the same rules, keeps the search documents current in
the same transaction, and announces what readers will see (``articles.events``)
once it has committed.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from richtext.diff import text_of

from .events import ArticleEvent, Footprint, announce
from .models import Article, ArticleNote, Byline, DailyReads, FormerSlug, Section, TaggedArticle
from .permissions import can_curate, can_publish
from .search_index import refresh_search_documents

Status = Article.Status

# Which status may follow which, and whether only an editor may make the move.
TRANSITIONS: dict[tuple[str, str], bool] = {
    (Status.DRAFT, Status.IN_REVIEW): False,
    (Status.IN_REVIEW, Status.DRAFT): False,
    (Status.DRAFT, Status.PUBLISHED): True,
    (Status.IN_REVIEW, Status.PUBLISHED): True,
    (Status.PUBLISHED, Status.UNPUBLISHED): True,
    (Status.UNPUBLISHED, Status.DRAFT): True,
}


class WorkflowError(Exception):
    """A move the workflow or the user's role does not allow; the message says why."""


def allowed_statuses(*, user: AbstractBaseUser, current: str) -> list[str]:
    """The statuses ``user`` may choose for an article now in ``current``."""
    editor = can_publish(user)
    return [current] + [
        target
        for (source, target), needs_editor in TRANSITIONS.items()
        if source == current and (editor or not needs_editor)
    ]


def check_transition(*, user: AbstractBaseUser, current: str, target: str) -> None:
    if current == target:
        return
    needs_editor = TRANSITIONS.get((current, target))
    if needs_editor is None:
        raise WorkflowError(
            _("An article cannot go from “%(current)s” to “%(target)s”.")
            % {"current": Status(current).label, "target": Status(target).label}
        )
    if needs_editor and not can_publish(user):
        raise WorkflowError(_("Only editors can publish, schedule or unpublish articles."))


def footprints(articles) -> dict[int, Footprint]:
    """Each article's place on the public site, by id, in three queries.

    ``articles`` is a list of ids or a queryset of articles (kept as a subquery, so a
    tag on fifty thousand articles sends no fifty-thousand-item parameter list).
    """
    chosen = articles.values("pk") if isinstance(articles, QuerySet) else list(articles)
    tag_ids, author_ids = defaultdict(set), defaultdict(set)
    for article_id, tag_id in TaggedArticle.objects.filter(content_object__in=chosen).values_list(
        "content_object_id", "tag_id"
    ):
        tag_ids[article_id].add(tag_id)
    for article_id, author_id in Byline.objects.filter(article__in=chosen).values_list("article_id", "author_id"):
        author_ids[article_id].add(author_id)
    now = timezone.now()
    rows = Article.objects.filter(pk__in=chosen).values_list("pk", "section_id", "status", "published_at")
    return {
        pk: Footprint(
            section_id=section_id,
            tag_ids=frozenset(tag_ids[pk]),
            author_ids=frozenset(author_ids[pk]),
            is_live=status == Status.PUBLISHED and published_at is not None and published_at <= now,
            is_scheduled=status == Status.PUBLISHED and published_at is not None and published_at > now,
        )
        for pk, section_id, status, published_at in rows
    }


# ``save_article(before=...)`` left out: read the footprint from the stored row.
STORED = object()


def save_article(
    *,
    article: Article,
    user: AbstractBaseUser | None = None,
    substantive_update: bool = False,
    save_related: Callable[[], None] | None = None,
    before: Footprint | None | object = STORED,
) -> Article:
    """Save an article on behalf of ``user``: the one way an article is written.

    In one transaction: the row, then ``save_related`` (the admin's bylines, tags,
    links and corrections), the search document, and, when the slug of an article
    that has been published changes, a ``FormerSlug`` so the old URL answers with a
    permanent redirect. (A section change needs nothing stored: the article page
    redirects any section mismatch.) Once committed, the change is announced
    (``articles.events``). ``substantive_update`` gives readers a new "Updated"
    time. ``before`` is the article's footprint when the caller knew it before the
    rows changed under it: restoring a revision rewrites them first, and recovering
    a deleted article recreates them (``before=None``: it was not there).
    """
    with transaction.atomic():
        previous_slug = None
        if article.pk:
            previous_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
        if before is STORED:
            before = footprints([article.pk]).get(article.pk) if article.pk else None
        if user is not None and user.is_authenticated:
            if article.pk is None:
                article.created_by = user
            article.last_edited_by = user
        if substantive_update:
            article.updated_at = timezone.now()
        article.save()
        if save_related is not None:
            save_related()
        if previous_slug and previous_slug != article.slug and article.first_published_at:
            FormerSlug.objects.update_or_create(slug=previous_slug, defaults={"article": article})
        # An article going back to an earlier slug no longer needs it as a redirect.
        FormerSlug.objects.filter(slug=article.slug).delete()
        refresh_search_documents([article.pk])
        announce(ArticleEvent(article.pk, before, footprints([article.pk]).get(article.pk)))
    return article


def delete_articles(*, articles: QuerySet) -> int:
    """Delete ``articles`` (revisions keep them recoverable), announcing the public ones."""
    with transaction.atomic():
        before = footprints(articles)
        count = len(before)
        articles.delete()
        refresh_search_documents(before)  # the deleted articles' documents go too
        for pk, footprint in before.items():
            announce(ArticleEvent(pk, footprint, None))
    return count


def announce_articles_shown_with(articles: QuerySet, *, refresh_search: bool = False) -> None:
    """A section, tag, author or photo that ``articles`` show has changed: tell the listeners.

    Their bylines, tags and pages stay where they were, so each live article is
    announced as changed with the same footprint before and after; drafts
    announce nothing. ``refresh_search`` also rebuilds their search documents in
    this transaction (a renamed tag or author is part of them).
    """
    shown = footprints(articles)
    if refresh_search:
        refresh_search_documents(list(shown))
    for pk, footprint in shown.items():
        announce(ArticleEvent(pk, footprint, footprint))


def save_section(*, section: Section, changed_fields: Iterable[str] = ()) -> Section:
    """Save a section; a new name or slug changes every live article page in it."""
    with transaction.atomic():
        section.save()
        if {"name", "slug"} & set(changed_fields):
            announce_articles_shown_with(Article.objects.in_section(section))
    return section


def save_tag(*, tag: Tag, changed_fields: Iterable[str] = ()) -> Tag:
    """Save a tag; a new name or slug shows on every article carrying it and in their search documents."""
    with transaction.atomic():
        tag.save()
        if {"name", "slug"} & set(changed_fields):
            announce_articles_shown_with(Article.objects.tagged(tag), refresh_search=True)
    return tag


def delete_tags(*, tags: QuerySet) -> int:
    """Delete ``tags``; the articles that carried them lose them from their pages and search documents."""
    with transaction.atomic():
        affected = list(Article.objects.filter(tagged_items__tag__in=tags).values_list("pk", flat=True).distinct())
        before = footprints(affected)
        count, _deleted = tags.delete()
        after = footprints(affected)
        refresh_search_documents(affected)
        for pk in affected:
            announce(ArticleEvent(pk, before.get(pk), after.get(pk)))
    return count


def _record(article: Article, user: AbstractBaseUser, comment: str) -> None:
    with reversion.create_revision():
        save_article(article=article, user=user)
        reversion.set_user(user)
        reversion.set_comment(comment)


def note_workflow(*, article: Article, user: AbstractBaseUser, kind: str, text: str | None) -> ArticleNote:
    """Keep the note sent with "Submit for review" or "Send back to the reporter"."""
    return ArticleNote.objects.create(article=article, kind=kind, text=(text or "").strip(), written_by=user)


def publishing_blockers(*, body: str, byline_count: int) -> list[str]:
    """What must be fixed before an article goes out: readers never get an empty or unsigned story."""
    blockers = []
    if not text_of(body or "").strip():
        blockers.append(_("The body is empty: write the story before publishing it."))
    if byline_count < 1:
        blockers.append(_("The article has no byline: add at least one author before publishing it."))
    return blockers


def publish_article(*, article: Article, user: AbstractBaseUser, at: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule when ``at`` (or the article's own time) lies ahead."""
    check_transition(user=user, current=article.status, target=Status.PUBLISHED)
    blockers = publishing_blockers(body=article.body, byline_count=article.bylines.count())
    if blockers:
        raise WorkflowError(" ".join(blockers))
    article.status = Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    _record(article, user, _("Scheduled") if article.is_scheduled else _("Published"))
    return article


def unpublish_article(*, article: Article, user: AbstractBaseUser) -> Article:
    check_transition(user=user, current=article.status, target=Status.UNPUBLISHED)
    article.status = Status.UNPUBLISHED
    _record(article, user, _("Unpublished"))
    return article


def set_editors_pick(*, article: Article, user: AbstractBaseUser, is_pick: bool) -> Article:
    if not can_curate(user):
        raise WorkflowError(_("Only editors can change editors' picks."))
    if is_pick and article.status != Status.PUBLISHED:
        raise WorkflowError(_("Only published or scheduled articles can be editors' picks."))
    article.is_editors_pick = is_pick
    if is_pick and article.editors_pick_position is None:
        last = Article.objects.filter(is_editors_pick=True).order_by("-editors_pick_position").first()
        article.editors_pick_position = ((last.editors_pick_position or 0) if last else 0) + 1
    _record(article, user, _("Added to editors' picks") if is_pick else _("Removed from editors' picks"))
    return article


def arrange_front_page(
    *, lead_ids: list[int], pick_ids: list[int], user: AbstractBaseUser, beside_ids: list[int] | None = None
) -> int:
    """Put the front-page lead candidates, the stories beside the lead and the editors'
    picks in the given orders (1, 2, 3…).

    Each list holds the ids still wanted, in order: a current candidate or pick left
    out is taken off; ids that are neither are ignored (add them from the article
    form or the article list). Positions come out unique, so no two stories share
    one. ``beside_ids`` of None leaves the stories beside the lead as they are.
    Returns how many articles changed.
    """
    if not can_curate(user):
        raise WorkflowError(_("Only editors can arrange the front page."))

    def order_of(ids, by_id):
        return {pk: n for n, pk in enumerate(dict.fromkeys(i for i in ids if i in by_id), start=1)}

    changed = 0
    with transaction.atomic():
        current = Article.objects.select_for_update().filter(
            Q(lead_position__isnull=False) | Q(is_editors_pick=True) | Q(beside_lead_position__isnull=False)
        )
        by_id = {article.pk: article for article in current}
        lead_order, pick_order = order_of(lead_ids, by_id), order_of(pick_ids, by_id)
        beside_order = order_of(beside_ids, by_id) if beside_ids is not None else None
        for pk, article in by_id.items():
            lead = lead_order.get(pk) if article.lead_position is not None else None
            is_pick = article.is_editors_pick and pk in pick_order
            pick = pick_order[pk] if is_pick else None
            beside = article.beside_lead_position
            if beside_order is not None:
                beside = beside_order.get(pk) if beside is not None else None
            wanted = (lead, is_pick, pick, beside)
            fields = ("lead_position", "is_editors_pick", "editors_pick_position", "beside_lead_position")
            if tuple(getattr(article, name) for name in fields) == wanted:
                continue
            for name, value in zip(fields, wanted, strict=True):
                setattr(article, name, value)
            save_article(article=article, user=user)
            changed += 1
    return changed


def count_read(article_id: int) -> None:
    """Add one read to today's count, atomically, without a read-modify-write race."""
    today = timezone.now().date()
    counted = DailyReads.objects.filter(article_id=article_id, day=today).update(count=F("count") + 1)
    if counted:
        return
    try:
        with transaction.atomic():
            DailyReads.objects.create(article_id=article_id, day=today, count=1)
    except IntegrityError:  # another request created today's row first
        DailyReads.objects.filter(article_id=article_id, day=today).update(count=F("count") + 1)
