"""The article form's publishing side: the buttons, the status line, the notes between
reporter and editor, the pre-publish checks, and drafts of live stories. Mixed into
``ArticleAdmin``; the rules live in ``articles.publishing`` and ``articles.pending``.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import ModelChoiceField
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .editing import clock, who
from .models import ArticleNote, Byline, PendingChanges
from .pending import (
    discard_pending_changes,
    keep_pending_changes,
    publish_pending_changes,
    snapshot_of_form,
)
from .permissions import can_publish
from .publishing import (
    DONE_MESSAGES,
    PENDING_ACTIONS,
    Action,
    buttons_for,
    prepublish_checks,
    status_line,
)
from .services import WorkflowError, note_workflow

# The buttons that send a note with the article.
NOTE_ACTIONS = {Action.SUBMIT, Action.SEND_BACK, Action.SUBMIT_PENDING}


def form_rows(form, formsets) -> list[list[str]]:
    """The posted form as [name, value, label] rows (as the browser's autosave keeps it),
    choices labelled by their names so the form can be filled in again without lookups."""
    labels = {}
    for bound_form in [form, *(row for formset in formsets for row in formset.forms)]:
        cleaned = getattr(bound_form, "cleaned_data", None) or {}
        for name, field in bound_form.fields.items():
            if isinstance(field, ModelChoiceField) and cleaned.get(name) is not None:
                labels[bound_form.add_prefix(name)] = str(cleaned[name])
    skipped = {"csrfmiddlewaretoken", "_action", "autosave_tab", "version", "pending_saved_at", "workflow_note"}
    return [
        [name, value, labels.get(name, "")]
        for name, values in form.data.lists()
        if name not in skipped
        for value in values
    ]


class PublishingMixin:
    def get_urls(self):
        def view(function, route, name):
            return path(route, self.admin_site.admin_view(function), name=f"articles_article_{name}")

        return [
            view(self.publish_pending_view, "<path:object_id>/pending/publish/", "publish_pending"),
            view(self.discard_pending_view, "<path:object_id>/pending/discard/", "discard_pending"),
            *super().get_urls(),
        ]

    # The form page.

    def publishing_context(self, request, article, form) -> dict:
        if form.is_bound and article is not None and article.pk:
            # The form has written what was posted into ``article``; the buttons, status and
            # checks are about the article as it is saved.
            article = type(article).objects.select_related("section", "lead_image").get(pk=article.pk)
        pending = None
        if article is not None and article.pk:
            pending = PendingChanges.objects.filter(article=article).select_related("saved_by").first()
        scheduled = bool(article is not None and article.published_at and article.published_at > timezone.now())
        buttons = buttons_for(request.user, article if article and article.pk else None, scheduled=scheduled)
        may_change = article is None or self.has_change_permission(request, article)
        return {
            "status_line": status_line(article, has_pending=pending is not None),
            "buttons": buttons if may_change else [],
            "takes_note": any(button.action in NOTE_ACTIONS for button in buttons) and may_change,
            "notes": list(article.notes.select_related("written_by")[:5]) if article and article.pk else [],
            "pending": self._pending_summary(request, article, pending) if pending else None,
            "pending_rows": pending.form_rows if pending and not form.is_bound else None,
            "checks": self._checks(article, form) if any(b.action == Action.PUBLISH for b in buttons) else [],
        }

    def _pending_summary(self, request, article, pending) -> dict:
        newer = ""
        if article.version > pending.base_version:
            newer = _(
                "%(who)s saved the live article at %(time)s, after this draft was made: publishing the draft "
                "puts its text over theirs."
            ) % {"who": who(article.last_edited_by), "time": clock(article.modified_at)}
        return {
            "saved_by": who(pending.saved_by),
            "time": clock(pending.saved_at),
            "is_submitted": pending.is_submitted,
            "newer": newer,
            "preview_url": reverse("reader:preview", kwargs={"pk": article.pk}),
            "publish_url": reverse("admin:articles_article_publish_pending", args=[article.pk])
            if can_publish(request.user)
            else "",
            "discard_url": reverse("admin:articles_article_discard_pending", args=[article.pk]),
        }

    def _checks(self, article, form):
        """The pre-publish checks of what the form holds (as submitted, or as saved)."""
        names = ["headline", "body", "lead_image", "is_without_photo", "seo_description", "standfirst"]
        if form.is_bound and hasattr(form, "cleaned_data"):
            values = dict(form.cleaned_data)
        elif article is not None:
            values = {name: getattr(article, name) for name in names}
            values["section"] = article.section if article.section_id else None
        else:
            values = {}
        bylines = Byline.objects.filter(article=article).count() if article is not None and article.pk else 0
        return prepublish_checks(
            headline=values.get("headline") or "",
            section=values.get("section"),
            byline_count=bylines,
            body=values.get("body") or "",
            lead_image=values.get("lead_image"),
            without_photo=bool(values.get("is_without_photo")),
            seo_description=values.get("seo_description") or "",
            standfirst=values.get("standfirst") or "",
        )

    # Saving.

    def save_as_pending(self, request, form, formsets) -> None:
        """Keep the form as a draft of the live article; the article itself stays as it is."""
        stored = type(form.instance).objects.get(pk=form.instance.pk)
        keep_pending_changes(
            article=stored,
            snapshot=snapshot_of_form(form, formsets),
            form_rows=form_rows(form, formsets),
            user=request.user,
            submit=form.action == Action.SUBMIT_PENDING,
            note=form.cleaned_data.get("workflow_note") or "",
        )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form, "is_pending", False):
            return _("Saved a draft of the live article (not published).")
        return super().construct_change_message(request, form, formsets, add)

    def after_save(self, request, form) -> None:
        """The note that went with the button, and a live article's draft that the save published."""
        article = form.instance
        if form.action in (Action.SUBMIT, Action.SEND_BACK):
            kind = ArticleNote.Kind.SUBMITTED if form.action == Action.SUBMIT else ArticleNote.Kind.SENT_BACK
            note_workflow(article=article, user=request.user, kind=kind, text=form.cleaned_data.get("workflow_note"))
        if form.action == Action.PUBLISH_CHANGES:
            PendingChanges.objects.filter(article=article).delete()

    def _done(self, request, obj):
        action = request.POST.get("_action", "")
        if action not in Action.values:
            return None
        form_was_pending = action in PENDING_ACTIONS or (obj.status == "published" and not can_publish(request.user))
        done = DONE_MESSAGES[Action.SAVE_PENDING] if form_was_pending and action not in PENDING_ACTIONS else None
        self.message_user(request, done or DONE_MESSAGES[Action(action)], messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def response_add(self, request, obj, post_url_continue=None):
        return self._done(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._done(request, obj) or super().response_change(request, obj)

    # The pending draft's own buttons.

    def _pending_action(self, request, object_id, service, done: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        try:
            service(article=article, user=request.user)
        except WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def publish_pending_view(self, request, object_id):
        return self._pending_action(request, object_id, publish_pending_changes, _("The pending changes are live."))

    def discard_pending_view(self, request, object_id):
        return self._pending_action(
            request,
            object_id,
            discard_pending_changes,
            _("The pending changes were discarded; the form shows the live version."),
        )
