"""While an article form is open: autosaved drafts, who else has it open, and how versions differ.

None of this writes the article. An autosave keeps what one person typed in one
browser tab (``AutosaveDraft``) until they save, discard it or it is pruned; a
heartbeat (``EditingPresence``) tells the others in the same article who is there
and whether a newer version was saved since their form was opened.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from authors.models import Author
from richtext.diff import text_of, word_diff

from .models import Article, AutosaveDraft, EditingPresence

AUTOSAVES_KEPT_FOR = datetime.timedelta(days=30)
# A tab that has not sent its heartbeat (every ~30 s) for this long has gone.
PRESENCE_TIMEOUT = datetime.timedelta(seconds=75)
# What an autosave may hold: the article form has a few hundred fields at most.
MAX_AUTOSAVE_ROWS = 2000

# The article form's own fields a person compares, in the form's order.
COMPARED_FIELDS = [
    ("kicker", gettext_lazy("Kicker")),
    ("headline", gettext_lazy("Headline")),
    ("standfirst", gettext_lazy("Standfirst")),
    ("body", gettext_lazy("Body")),
    ("section", gettext_lazy("Section")),
    ("lead_image", gettext_lazy("Lead photo")),
    ("lead_image_caption", gettext_lazy("Lead photo caption")),
    ("slug", gettext_lazy("Address")),
    ("seo_title", gettext_lazy("SEO title")),
    ("seo_description", gettext_lazy("SEO description")),
]


class InvalidAutosave(ValueError):
    """The browser sent something that is not an article form."""


def clock(moment: datetime.datetime) -> str:
    """A time of day in the newsroom's time zone, as the form shows it ("14:32")."""
    return time_format(timezone.localtime(moment), "H:i")


def who(user) -> str:
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.get_username()


def _rows(data) -> list[list[str]]:
    if not isinstance(data, list) or len(data) > MAX_AUTOSAVE_ROWS:
        raise InvalidAutosave(_("An autosave is a list of at most %(n)d form fields.") % {"n": MAX_AUTOSAVE_ROWS})
    rows = []
    for row in data:
        if not (isinstance(row, list) and len(row) == 3 and all(isinstance(part, str) for part in row)):
            raise InvalidAutosave(_("Each autosaved field is [name, value, label]."))
        rows.append(row)
    return rows


def keep_autosave(
    *, user: AbstractBaseUser, tab: str, article: Article | None, base_version: int | None, data
) -> AutosaveDraft:
    """Keep what ``user`` has typed in tab ``tab``; one draft a tab, the newest wins."""
    if not tab or len(tab) > 64:
        raise InvalidAutosave(_("The autosave names no browser tab."))
    draft, _created = AutosaveDraft.objects.update_or_create(
        user=user,
        tab=tab,
        defaults={"article": article, "base_version": base_version, "data": _rows(data), "saved_at": timezone.now()},
    )
    return draft


def autosave_on_offer(*, user: AbstractBaseUser, article: Article | None) -> AutosaveDraft | None:
    """The newest autosave of ``user``'s that holds more than the article as last saved.

    Offered when it is newer than the article's last save, or when someone else made
    that save (restoring then says so, see ``ArticleAdmin._newer_save``).
    For a new article: their newest autosave of a form that was never saved. An
    autosave whose text is what the article already says (it arrived just after an
    explicit save, say) is dropped rather than offered.
    """
    drafts = AutosaveDraft.objects.filter(user=user, article=article).order_by("-saved_at")
    if article is not None and article.last_edited_by_id == user.pk:
        # Their own later save (from another tab, say) supersedes what they typed before it;
        # someone else's save does not: their unsaved text is still theirs to restore.
        drafts = drafts.filter(saved_at__gt=article.modified_at)
    for draft in drafts[:5]:
        if article is None or differences(stored_texts(article), draft_texts(draft)):
            return draft
        draft.delete()
    return None


def discard_autosave(*, user: AbstractBaseUser, draft_id: int) -> int:
    deleted, _rows_by_model = AutosaveDraft.objects.filter(user=user, pk=draft_id).delete()
    return deleted


def forget_autosave(*, user: AbstractBaseUser, tab: str) -> None:
    """The form in ``tab`` was saved for real: its autosave has done its job."""
    if tab:
        AutosaveDraft.objects.filter(user=user, tab=tab).delete()


def prune_autosaves(*, older_than: datetime.timedelta = AUTOSAVES_KEPT_FOR) -> int:
    deleted, _rows_by_model = AutosaveDraft.objects.filter(saved_at__lt=timezone.now() - older_than).delete()
    return deleted


# Tags typed as tokens.


def tag_suggestions(typed: str, *, limit: int = 10) -> list[str]:
    typed = typed.strip()
    if not typed:
        return []
    tags = (
        Tag.objects.filter(name__istartswith=typed)
        .annotate(uses=Count("articles_taggedarticle_items"))
        .order_by("-uses", "name")
    )
    return list(tags.values_list("name", flat=True)[:limit])


def filter_choices(kind: str, typed: str, *, limit: int = 12) -> list[tuple[int, str]] | None:
    """(id, name) of the authors or tags a list filter offers for ``typed``; None: no such kind."""
    models_by_kind = {"author": (Author, "name"), "tag": (Tag, "name")}
    if kind not in models_by_kind:
        return None
    typed = typed.strip()
    if not typed:
        return []
    model, field = models_by_kind[kind]
    found = model.objects.filter(**{f"{field}__icontains": typed})
    # Names that start with it first, then the rest, alphabetically.
    starting = list(found.filter(**{f"{field}__istartswith": typed}).order_by(field).values_list("pk", field)[:limit])
    rest = found.exclude(pk__in=[pk for pk, _name in starting]).order_by(field).values_list("pk", field)
    return starting + list(rest[: limit - len(starting)])


# Presence.


def prune_presence() -> int:
    """Forget tabs that stopped their heartbeat without saying goodbye."""
    deleted, _rows_by_model = EditingPresence.objects.filter(seen_at__lt=timezone.now() - PRESENCE_TIMEOUT).delete()
    return deleted


def note_presence(*, user: AbstractBaseUser, article: Article, tab: str) -> None:
    EditingPresence.objects.update_or_create(
        user=user, tab=tab[:64], defaults={"article": article, "seen_at": timezone.now()}
    )


def leave_article(*, user: AbstractBaseUser, tab: str) -> None:
    EditingPresence.objects.filter(user=user, tab=tab).delete()


def others_present(*, article: Article, user: AbstractBaseUser) -> QuerySet:
    """The people other than ``user`` with ``article``'s form open now, each once."""
    since = timezone.now() - PRESENCE_TIMEOUT
    present = EditingPresence.objects.filter(article=article, seen_at__gte=since).exclude(user=user)
    return get_user_model().objects.filter(pk__in=present.values("user_id")).order_by("first_name", "username")


# Comparing versions of the form's text.


@dataclass
class Difference:
    label: str
    theirs: str
    yours: str
    diff: SafeString


def stored_texts(article: Article) -> dict[str, str]:
    """The compared fields of ``article`` as it is saved, as plain text."""
    return {
        "kicker": article.kicker,
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": text_of(article.body or ""),
        "section": article.section.name if article.section_id else "",
        "lead_image": str(article.lead_image) if article.lead_image_id else "",
        "lead_image_caption": article.lead_image_caption,
        "slug": article.slug,
        "seo_title": article.seo_title,
        "seo_description": article.seo_description,
    }


def draft_texts(draft: AutosaveDraft) -> dict[str, str]:
    """The compared fields the autosave holds (a read-only field is not in it), as plain text."""
    present = {row[0] for row in draft.data}
    texts = {name: draft.value(name) for name, _label in COMPARED_FIELDS if name in present}
    if "body" in texts:
        texts["body"] = text_of(texts["body"])
    for choice in ("section", "lead_image"):
        if choice in texts:
            texts[choice] = draft.label(choice) if texts[choice] else ""
    return texts


def submitted_texts(form) -> dict[str, str]:
    """What a bound article form carried, as plain text (choices by their names)."""
    data, cleaned = form.data, getattr(form, "cleaned_data", {})
    texts = {name: data.get(form.add_prefix(name), "") for name, _label in COMPARED_FIELDS}
    texts["body"] = text_of(texts["body"])
    for choice in ("section", "lead_image"):
        chosen = cleaned.get(choice)
        texts[choice] = str(chosen) if chosen else ""
    return texts


def differences(theirs: dict[str, str], yours: dict[str, str]) -> list[Difference]:
    """The compared fields of ``yours`` that differ from ``theirs``, with a word diff from theirs to yours."""
    return [
        Difference(str(label), theirs.get(name, ""), yours[name], word_diff(theirs.get(name, ""), yours[name]))
        for name, label in COMPARED_FIELDS
        if name in yours and (theirs.get(name) or "").strip() != yours[name].strip()
    ]
