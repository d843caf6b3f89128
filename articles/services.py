"""Writes to articles that do more than fill their own row: saving, the workflow, curation.

The admin's forms and actions call these, so every path applies the same rules.
"""

import datetime

import reversion
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Article, FormerSlug
from .permissions import can_curate, can_publish

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


def save_article(*, article: Article, user: AbstractBaseUser | None = None) -> Article:
    """Save an article on behalf of ``user``, keeping old addresses alive.

    When an article that has been published changes its slug, the old slug is kept
    as a ``FormerSlug`` so the old URL answers with a permanent redirect. (A section
    change needs nothing stored: the article page redirects any section mismatch.)
    """
    with transaction.atomic():
        previous_slug = None
        if article.pk:
            previous_slug = Article.objects.filter(pk=article.pk).values_list("slug", flat=True).first()
        if user is not None and user.is_authenticated:
            if article.pk is None:
                article.created_by = user
            article.last_edited_by = user
        article.save()
        if previous_slug and previous_slug != article.slug and article.first_published_at:
            FormerSlug.objects.update_or_create(slug=previous_slug, defaults={"article": article})
        # An article going back to an earlier slug no longer needs it as a redirect.
        FormerSlug.objects.filter(slug=article.slug).delete()
    return article


def _record(article: Article, user: AbstractBaseUser, comment: str) -> None:
    with reversion.create_revision():
        save_article(article=article, user=user)
        reversion.set_user(user)
        reversion.set_comment(comment)


def publish_article(*, article: Article, user: AbstractBaseUser, at: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule when ``at`` (or the article's own time) lies ahead."""
    check_transition(user=user, current=article.status, target=Status.PUBLISHED)
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
