"""The article's revision history: who saved what and when, a readable diff, and revert.

Mixed into ``ArticleAdmin`` before django-reversion's ``VersionAdmin``, whose history,
revision and recover views it extends.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from richtext.diff import text_of, word_diff

from .models import Article
from .services import footprints


class RevisionHistoryMixin:
    def get_urls(self):
        compare = path(
            "<path:object_id>/history/<int:version_id>/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="articles_article_compare",
        )
        return [compare, *super().get_urls()]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Remember the live version and footprint before reversion loads the old
        # revision into the rows: the form is checked against the one, and the
        # change is announced from the other.
        request.article_version_floor = Article.objects.filter(pk=object_id).values_list("version", flat=True).first()
        if request.method == "POST" and request.article_version_floor is not None:
            request.article_footprint_before = footprints([object_id]).get(int(object_id))
        return super().revision_view(request, object_id, version_id, extra_context)

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
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        version = get_object_or_404(versions, pk=version_id)
        previous = versions.filter(pk__lt=version.pk).first()
        new = version.field_dict
        fields = [("headline", _("Headline")), ("standfirst", _("Standfirst")), ("body", _("Body"))]
        if previous is None:  # nothing to compare with: show the text as it was saved
            changes = [
                (label, word_diff(text_of(new.get(field, "")), text_of(new.get(field, "")))) for field, label in fields
            ]
        else:
            old = previous.field_dict
            changes = [
                (label, word_diff(text_of(old.get(field, "")), text_of(new.get(field, "")))) for field, label in fields
            ]
        saved_at = date_format(timezone.localtime(version.revision.date_created), "DATETIME_FORMAT")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": _("What changed on %(date)s") % {"date": saved_at},
            "version": version,
            "previous": previous,
            "changes": changes,
            "revert_url": reverse("admin:articles_article_revision", args=[article.pk, version.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)
