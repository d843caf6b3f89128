"""The article's revision history: who saved what and when, a readable diff, and restoring content.

Mixed into ``ArticleAdmin`` before django-reversion's ``VersionAdmin``, whose history,
revision and recover views it extends.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from .permissions import can_publish
from .publishing import is_out
from .revisions import RESTORED_KEYS, Snapshot, changes, restore_content


class RevisionHistoryMixin:
    def get_urls(self):
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old version's content: first what would change, then, confirmed, the restore.

        Replaces django-reversion's revert, which rewrote every row as it was (status
        included, so a live story went offline, and corrections added since vanished).
        """
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if is_out(article) and not can_publish(request.user):
            raise PermissionDenied  # restoring writes the live page; reporters' changes wait for an editor
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        if request.method == "POST":
            if str(article.version) != request.POST.get("version"):
                messages.error(request, _("The article was saved again while you looked: check the changes once more."))
                return redirect(request.path)
            restore_content(
                article=article, version=version, user=request.user, include_bylines="include_bylines" in request.POST
            )
            messages.success(
                request, _("The earlier version's content is back. Status and corrections are as they were.")
            )
            return redirect(change_url)
        rows = changes(Snapshot.of_article(article), Snapshot.of_version(version))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": _("Restore the version saved %(date)s") % {"date": saved_on(version)},
            "version": version,
            "will_change": [row for row in rows if row.is_changed and row.key in RESTORED_KEYS],
            "byline_change": next((row for row in rows if row.key == "bylines" and row.is_changed), None),
            "kept": [row for row in rows if row.is_changed and row.key not in RESTORED_KEYS | {"bylines"}],
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/articles/article/restore.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        # Reversion recreates the deleted rows before the form is saved: the article was not there.
        request.article_footprint_before = None
        return super().recover_view(request, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        for action in getattr(response, "context_data", {}).get("action_list", []):
            version_id = action["url"].rstrip("/").rsplit("/", 1)[-1]
            action["compare_url"] = reverse(
                "admin:articles_article_compare", kwargs={"object_id": object_id, "version_id": version_id}
            )
        return response

    def compare_view(self, request, object_id, version_id):
        article = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        version = get_object_or_404(versions, pk=version_id)
        previous = versions.filter(pk__lt=version.pk).first()
        rows = changes(Snapshot.of_version(previous) if previous else None, Snapshot.of_version(version))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": _("What changed on %(date)s") % {"date": saved_on(version)},
            "version": version,
            "previous": previous,
            "changes": [row for row in rows if row.is_changed or previous is None],
            "unchanged": [row.label for row in rows if not row.is_changed] if previous else [],
            "revert_url": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)


def saved_on(version) -> str:
    return date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
