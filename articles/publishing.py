"""The article form's publishing buttons, where each one takes the article, and what it says.

Instead of a status drop-down, the form offers the moves the person may make now: a
reporter sees "Save draft" and "Submit for review"; an editor "Save draft",
"Publish" (or "Schedule" when the publication time lies ahead), "Unpublish" and
"Send back to the reporter"; on a live article "Publish changes" and "Save draft"
(a draft of the live article, ``articles.pending``).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from richtext.diff import text_of

from .models import Article
from .permissions import can_publish

Status = Article.Status

# Where an article stands among the editors' picks and front-page leads.
CURATION_FIELDS = [
    "is_editors_pick",
    "editors_pick_position",
    "editors_pick_starts_at",
    "editors_pick_ends_at",
    "lead_position",
    "lead_starts_at",
    "lead_ends_at",
    "beside_lead_position",
]

# A good length for the description search engines show under the title.
SEO_DESCRIPTION_RANGE = (50, 160)


class Action(models.TextChoices):
    SAVE = "save", gettext_lazy("Save")
    SUBMIT = "submit", gettext_lazy("Submit for review")
    PUBLISH = "publish", gettext_lazy("Publish")
    UNPUBLISH = "unpublish", gettext_lazy("Unpublish")
    SEND_BACK = "send_back", gettext_lazy("Send back to the reporter")
    PUBLISH_CHANGES = "publish_changes", gettext_lazy("Publish changes")
    SAVE_PENDING = "save_pending", gettext_lazy("Save draft")
    SUBMIT_PENDING = "submit_pending", gettext_lazy("Submit for review")


PENDING_ACTIONS = frozenset({Action.SAVE_PENDING, Action.SUBMIT_PENDING})
# The status each button gives an article; the others keep the one it has.
TARGET_STATUS = {
    Action.SUBMIT: Status.IN_REVIEW,
    Action.PUBLISH: Status.PUBLISHED,
    Action.UNPUBLISH: Status.UNPUBLISHED,
    Action.SEND_BACK: Status.DRAFT,
}
# What the person is told once the save has gone through.
DONE_MESSAGES = {
    Action.SAVE: gettext_lazy("Saved."),
    Action.SUBMIT: gettext_lazy("Submitted for review: the editors see it in “In review”."),
    Action.PUBLISH: gettext_lazy("Published: readers see it now."),
    Action.UNPUBLISH: gettext_lazy("Unpublished: readers no longer see it."),
    Action.SEND_BACK: gettext_lazy("Sent back to the reporter with your note."),
    Action.PUBLISH_CHANGES: gettext_lazy("The changes are live."),
    Action.SAVE_PENDING: gettext_lazy("Saved as a draft of the live article: readers still see the published version."),
    Action.SUBMIT_PENDING: gettext_lazy(
        "Your changes were sent to the editors; readers still see the published version."
    ),
}


@dataclass(frozen=True)
class Button:
    action: str
    label: str
    kind: str = ""  # "primary" or "danger"
    schedule_label: str = ""  # the label when the publication time lies ahead


def is_out(article: Article | None) -> bool:
    """Published or scheduled: the article has a public version to protect."""
    return article is not None and article.pk is not None and article.status == Status.PUBLISHED


def target_status(action: str, current: str) -> str:
    return TARGET_STATUS.get(action, current)


def buttons_for(user: AbstractBaseUser, article: Article | None, *, scheduled: bool = False) -> list[Button]:
    """The buttons ``user`` gets on ``article`` (None: a new one), the main one first."""
    editor = can_publish(user)
    status = article.status if article is not None and article.pk else Status.DRAFT
    publish = Button(Action.PUBLISH, _("Schedule") if scheduled else _("Publish"), "primary", _("Schedule"))
    # A reporter's changes to their published story wait as a draft for an editor.
    reporters_draft = [
        Button(Action.SAVE_PENDING, _("Save draft"), "primary"),
        Button(Action.SUBMIT_PENDING, _("Submit for review")),
    ]
    if status == Status.PUBLISHED and article.is_live:
        if editor:
            return [
                Button(Action.PUBLISH_CHANGES, _("Publish changes"), "primary"),
                Button(Action.SAVE_PENDING, _("Save draft")),
                Button(Action.UNPUBLISH, _("Unpublish"), "danger"),
            ]
        return reporters_draft
    if status == Status.PUBLISHED:  # scheduled
        if editor:
            return [
                Button(Action.SAVE, _("Save schedule"), "primary"),
                Button(Action.UNPUBLISH, _("Unschedule"), "danger"),
            ]
        return [
            Button(Action.SAVE_PENDING, _("Save draft"), "primary"),
            Button(Action.SUBMIT_PENDING, _("Submit for review")),
        ]
    if status == Status.IN_REVIEW:
        if editor:
            return [publish, Button(Action.SAVE, _("Save")), Button(Action.SEND_BACK, _("Send back to the reporter"))]
        return [Button(Action.SAVE, _("Save"), "primary")]
    if editor:
        return [publish, Button(Action.SAVE, _("Save draft"))]
    return [Button(Action.SAVE, _("Save draft"), "primary"), Button(Action.SUBMIT, _("Submit for review"))]


def when(moment) -> str:
    """A publication time as the newsroom reads it: "2 Dec, 06:00" in its time zone."""
    return date_format(timezone.localtime(moment), "j M, H:i")


def status_line(article: Article | None, *, has_pending: bool = False) -> str:
    if article is None or article.pk is None:
        return _("New article · not saved yet")
    if article.is_scheduled:
        return _("Scheduled for %(when)s") % {"when": when(article.published_at)}
    if article.is_live and has_pending:
        return _("Published · changes pending")
    return Status(article.status).label


@dataclass(frozen=True)
class Check:
    label: str
    passed: bool
    blocking: bool = False
    advice: str = ""


def prepublish_checks(
    *,
    headline: str,
    section,
    byline_count: int,
    body: str,
    lead_image,
    without_photo: bool,
    seo_description: str,
    standfirst: str,
) -> list[Check]:
    """What an editor checks before a story goes out; blocking ones refuse to publish."""
    low, high = SEO_DESCRIPTION_RANGE
    description = (seo_description or standfirst or "").strip()
    photo_ok = without_photo or bool(lead_image and lead_image.alt_text.strip() and lead_image.credit.strip())
    if lead_image is None:
        photo_advice = _("Add a lead photo, or tick “No lead photo” if the story goes without one.")
    else:
        photo_advice = _("The lead photo needs alt text and a credit (edit it in the photo library).")
    return [
        Check(_("Headline"), bool((headline or "").strip()), True, _("Write a headline.")),
        Check(_("Section"), section is not None, True, _("Choose a section.")),
        Check(_("At least one byline"), byline_count > 0, True, _("Add an author to the byline.")),
        Check(_("Body"), bool(text_of(body or "").strip()), True, _("Write the story.")),
        Check(_("Lead photo with alt text and credit"), photo_ok, False, photo_advice),
        Check(
            _("Search description of %(low)d–%(high)d characters") % {"low": low, "high": high},
            low <= len(description) <= high,
            False,
            _("It has %(count)d characters: the SEO description (or the standfirst) is what search results show.")
            % {"count": len(description)},
        ),
    ]
