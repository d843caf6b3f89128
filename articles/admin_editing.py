"""The article form's background help: autosave and recovery, presence, and the side-by-side
view after a refused save. Mixed into ``ArticleAdmin``; the browser half is
static/js/admin-autosave.js and static/js/admin-presence.js.
"""

import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from richtext.parsing import whole_number

from .editing import (
    InvalidAutosave,
    autosave_on_offer,
    clock,
    differences,
    discard_autosave,
    draft_texts,
    filter_choices,
    forget_autosave,
    keep_autosave,
    leave_article,
    note_presence,
    others_present,
    stored_texts,
    submitted_texts,
    tag_suggestions,
    who,
)
from .models import AutosaveDraft


class EditingSupportMixin:
    def get_urls(self):
        def view(function, route, name):
            return path(route, self.admin_site.admin_view(function), name=f"articles_article_{name}")

        return [
            view(self.autosave_view, "autosave/", "autosave"),
            view(self.autosave_discard_view, "autosave/<int:draft_id>/discard/", "autosave_discard"),
            view(self.autosave_compare_view, "autosave/<int:draft_id>/compare/", "autosave_compare"),
            view(self.presence_view, "<path:object_id>/presence/", "presence"),
            view(self.tag_suggestions_view, "tag-suggestions/", "tag_suggestions"),
            view(self.filter_suggestions_view, "filter-suggestions/<str:kind>/", "filter_suggestions"),
            *super().get_urls(),
        ]

    # Autosave.

    def _editable_article(self, request, object_id):
        """The article ``request.user`` may change, or None for a new one they may add."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article_id = request.POST.get("article", "")
        if article_id and whole_number(article_id) is None:
            return HttpResponseBadRequest(_("No such article."))
        article = self._editable_article(request, whole_number(article_id))
        base_version = whole_number(request.POST.get("base_version", ""))
        try:
            data = json.loads(request.POST.get("data", ""))
            draft = keep_autosave(
                user=request.user,
                tab=request.POST.get("tab", ""),
                article=article,
                base_version=base_version,
                data=data,
            )
        except (ValueError, InvalidAutosave) as error:
            return JsonResponse({"error": str(error)}, status=400)
        return JsonResponse(self._autosave_summary(draft))

    def _autosave_summary(self, draft: AutosaveDraft) -> dict:
        return {
            "id": draft.pk,
            "saved_at": draft.saved_at.isoformat(),
            "time": clock(draft.saved_at),
            "compare_url": reverse("admin:articles_article_autosave_compare", args=[draft.pk]),
            "discard_url": reverse("admin:articles_article_autosave_discard", args=[draft.pk]),
        }

    def autosave_discard_view(self, request, draft_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return JsonResponse({"discarded": discard_autosave(user=request.user, draft_id=draft_id)})

    def autosave_compare_view(self, request, draft_id):
        draft = get_object_or_404(AutosaveDraft.objects.select_related("article"), pk=draft_id, user=request.user)
        article = draft.article
        if article is not None and not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        saved = stored_texts(article) if article else {}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": _("Your unsaved changes from %(time)s") % {"time": clock(draft.saved_at)},
            "differences": differences(saved, draft_texts(draft)),
            "newer_save": self._newer_save(draft),
        }
        return TemplateResponse(request, "admin/articles/article/autosave_compare.html", context)

    def _newer_save(self, draft: AutosaveDraft) -> str:
        """Says so when the article was saved after the autosaved form was opened."""
        article = draft.article
        if article is None or draft.base_version is None or article.version <= draft.base_version:
            return ""
        return _(
            "%(who)s saved the article at %(time)s, after these changes began: restoring puts your text "
            "over theirs. Compare before you save."
        ) % {"who": who(article.last_edited_by), "time": clock(article.modified_at)}

    def autosave_offer(self, request, article) -> dict | None:
        draft = autosave_on_offer(user=request.user, article=article)
        if draft is None:
            return None
        return {**self._autosave_summary(draft), "rows": draft.data, "newer_save": self._newer_save(draft)}

    # Tags typed as tokens.

    def tag_suggestions_view(self, request):
        """Existing tags starting with what was typed, the most used first."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        return JsonResponse({"tags": tag_suggestions(request.GET.get("q", ""))})

    def filter_suggestions_view(self, request, kind):
        """Authors or tags whose names start with (or contain) what was typed in a list filter."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        choices = filter_choices(kind, request.GET.get("q", ""))
        if choices is None:
            return JsonResponse({"error": _("No such filter.")}, status=404)
        return JsonResponse({"choices": [{"value": pk, "label": label} for pk, label in choices]})

    # Presence.

    def presence_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        tab = request.POST.get("tab", "")[:64]
        if not tab:
            return JsonResponse({"error": _("The heartbeat names no browser tab.")}, status=400)
        if request.POST.get("leaving"):
            leave_article(user=request.user, tab=tab)
            return JsonResponse({"left": True})
        note_presence(user=request.user, article=article, tab=tab)
        newest = Version.objects.get_for_object(article).only("pk").first()
        return JsonResponse(
            {
                "others": [who(user) for user in others_present(article=article, user=request.user)],
                "version": article.version,
                "saved_by": who(article.last_edited_by),
                "saved_by_someone_else": article.last_edited_by_id != request.user.pk,
                "saved_at": clock(article.modified_at),
                "changes_url": reverse("admin:articles_article_compare", args=[article.pk, newest.pk])
                if newest
                else reverse("admin:articles_article_history", args=[article.pk]),
            }
        )

    # The form page.

    def editing_context(self, request, article, form) -> dict:
        """What the article form's template needs for autosave, presence and a refused save."""
        conflict = getattr(form, "conflict_with", None)
        return {
            "autosave_offer": self.autosave_offer(request, article) if not form.is_bound else None,
            "editing_config": {
                "autosave_url": reverse("admin:articles_article_autosave"),
                "presence_url": reverse("admin:articles_article_presence", args=[article.pk]) if article else "",
                "article": article.pk if article else "",
                "base_version": article.version if article else "",
                "last_saved": article.modified_at.isoformat() if article else "",
                "idle_ms": settings.ARTICLE_AUTOSAVE_IDLE_MS,
                "max_wait_ms": settings.ARTICLE_AUTOSAVE_MAX_WAIT_MS,
                "presence_ms": settings.ARTICLE_PRESENCE_INTERVAL_MS,
                "utc_offset_minutes": int(timezone.localtime().utcoffset().total_seconds() // 60),
            },
            "conflict": {
                "who": who(conflict.last_edited_by),
                "time": clock(conflict.modified_at),
                "version": conflict.version,
                # Saving over theirs keeps the article where it is in the workflow.
                "action": "publish_changes" if conflict.is_live else "save",
                "differences": differences(stored_texts(conflict), submitted_texts(form)),
            }
            if conflict is not None
            else None,
        }

    def forget_saved_autosave(self, request) -> None:
        forget_autosave(user=request.user, tab=request.POST.get("autosave_tab", ""))
