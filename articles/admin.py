from collections.abc import Callable
from dataclasses import dataclass, field

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from taggit.models import Tag

from authors.models import Author
from media.admin import image_thumbnail, photo_chooser_field
from richtext.parsing import whole_number

from .admin_editing import EditingSupportMixin
from .admin_history import RevisionHistoryMixin
from .admin_lists import EstimatedCountPaginator
from .admin_publishing import PublishingMixin
from .forms import EDITOR_ONLY_FIELDS, ArticleAdminForm, BylineFormSet
from .models import (
    Article,
    Byline,
    CallToAction,
    Correction,
    Curation,
    FormerSlug,
    RelatedArticle,
    Section,
)
from .permissions import (
    articles_visible_to,
    can_curate,
    can_edit_article,
    can_publish,
    can_recover_articles,
    can_view_article,
)
from .publishing import is_out
from .revisions import REVISION_FOLLOWERS
from .selectors.search import matching
from .services import (
    STORED,
    WorkflowError,
    arrange_front_page,
    delete_articles,
    delete_tags,
    publish_article,
    save_article,
    save_section,
    save_tag,
    set_editors_pick,
    unpublish_article,
)


def short_time(moment) -> str:
    """A time in a list column: "1 Dec 23:11", with the year only when it is not this one."""
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    pattern = "j M H:i" if local.year == timezone.localdate().year else "j M Y H:i"
    return date_format(local, pattern)


@dataclass(frozen=True)
class BulkAction:
    """One bulk action of the article list: each chosen article goes through ``service``."""

    name: str
    description: str
    service: Callable
    done: Callable[[int], str]
    permission: str  # checked by ModelAdmin.has_<permission>_permission
    options: dict = field(default_factory=dict)


BULK_ACTIONS = [
    BulkAction(
        "publish_selected",
        _("Publish selected articles"),
        publish_article,
        lambda n: ngettext("Published %d article.", "Published %d articles.", n) % n,
        "publish",
    ),
    BulkAction(
        "unpublish_selected",
        _("Unpublish selected articles"),
        unpublish_article,
        lambda n: ngettext("Unpublished %d article.", "Unpublished %d articles.", n) % n,
        "publish",
    ),
    BulkAction(
        "add_to_editors_picks",
        _("Add to editors' picks"),
        set_editors_pick,
        lambda n: ngettext("Added %d article to editors' picks.", "Added %d articles to editors' picks.", n) % n,
        "curate",
        {"is_pick": True},
    ),
    BulkAction(
        "remove_from_editors_picks",
        _("Remove from editors' picks"),
        set_editors_pick,
        lambda n: (
            ngettext("Removed %d article from editors' picks.", "Removed %d articles from editors' picks.", n) % n
        ),
        "curate",
        {"is_pick": False},
    ),
]


def bulk_action(spec: BulkAction):
    """The admin action for ``spec``: reports what was done and what was refused, and why."""

    def action(model_admin, request, queryset):
        done, refused = 0, []
        for article in queryset:
            try:
                spec.service(article=article, user=request.user, **spec.options)
                done += 1
            except WorkflowError as error:
                refused.append(f"“{article.headline}”: {error}")
        if done:
            model_admin.message_user(request, spec.done(done), messages.SUCCESS)
        if refused:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d article was refused: %(reasons)s",
                    "%(count)d articles were refused: %(reasons)s",
                    len(refused),
                )
                % {"count": len(refused), "reasons": "; ".join(refused)},
                messages.WARNING,
            )

    action.__name__ = spec.name
    return admin.action(description=spec.description, permissions=[spec.permission])(action)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_in_navigation"]
    list_editable = ["position", "is_in_navigation"]
    list_filter = ["is_in_navigation"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        save_section(section=obj, changed_fields=form.changed_data if change else ())


admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    """Tags with how often they are used (taggit's own admin assumes generic tagging)."""

    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles_taggedarticle_items"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, tag):
        return tag.article_count

    def save_model(self, request, obj, form, change):
        save_tag(tag=obj, changed_fields=form.changed_data if change else ())

    def delete_model(self, request, obj):
        delete_tags(tags=Tag.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_tags(tags=queryset)


class AutocompleteInline(admin.TabularInline):
    """An inline whose rows name their autocompleted objects without a query per row."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)


class BylineInline(AutocompleteInline):
    model = Byline
    formset = BylineFormSet
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]
    verbose_name = _("author")
    verbose_name_plural = _("byline (in order)")


class RelatedArticleInline(AutocompleteInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 1
    autocomplete_fields = ["related"]
    fields = ["related", "position"]
    verbose_name = _("related article")
    verbose_name_plural = _("read also (in order)")


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ["text", "corrected_at"]
    verbose_name_plural = _("corrections (shown at the end of the article)")


class FormerSlugInline(admin.TabularInline):
    model = FormerSlug
    extra = 0
    fields = ["slug", "retired_at"]
    readonly_fields = ["slug", "retired_at"]
    verbose_name_plural = _("old addresses (redirected here)")
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False


class WorkflowFilter(admin.SimpleListFilter):
    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request, model_admin):
        return [("scheduled", _("Scheduled")), ("in_review", _("In review")), ("mine", _("Mine"))]

    def queryset(self, request, queryset):
        if self.value() == "scheduled":
            return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
        if self.value() == "in_review":
            return queryset.filter(status=Article.Status.IN_REVIEW)
        if self.value() == "mine":
            return queryset.filter(pk__in=Article.objects.of_user(request.user).values("pk"))
        return queryset


# What a revision holds: the article and the rows that follow it (tags are no inline, so
# django-reversion would not find them by itself).
for follower in REVISION_FOLLOWERS:
    if not reversion.is_registered(follower):
        reversion.register(follower)
if not reversion.is_registered(Article):
    reversion.register(Article, follow=["bylines", "tagged_items", "related_links", "corrections", "former_slugs"])


class ChooserFilter(admin.SimpleListFilter):
    """A filter with a search box instead of a list of every choice (authors, tags: thousands).

    The box suggests matches as you type (static/js/admin-filter-chooser.js, from
    ``articles_article_filter_suggestions``); only the chosen one is listed.
    """

    template = "admin/articles/article/chooser_filter.html"
    kind = ""  # the suggestions' kind, and the query parameter
    model = None
    lookup = ""  # how an article reaches the chosen one, e.g. "bylines__author_id"

    def queryset(self, request, queryset):
        value = whole_number(self.value())
        return queryset if value is None else queryset.filter(**{self.lookup: value})

    def lookups(self, request, model_admin):
        chosen = whole_number(self.value())
        if chosen is None:
            return []
        return [(str(chosen), str(obj)) for obj in self.model.objects.filter(pk=chosen)]

    def has_output(self):
        return True

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All"),
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == str(value),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }
        self.suggestions_url = reverse("admin:articles_article_filter_suggestions", args=[self.kind])


class AuthorChooserFilter(ChooserFilter):
    title = _("author")
    parameter_name = kind = "author"
    model = Author
    lookup = "bylines__author_id"


class TagChooserFilter(ChooserFilter):
    title = _("tag")
    parameter_name = kind = "tag"
    model = Tag
    lookup = "tagged_items__tag_id"


@admin.register(Article)
class ArticleAdmin(PublishingMixin, EditingSupportMixin, RevisionHistoryMixin, VersionAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    list_display = [
        "headline",
        "status_label",
        "section",
        "byline_names",
        "published_short",
        "is_editors_pick",
        "modified_short",
    ]
    list_filter = [
        WorkflowFilter,
        "status",
        "section",
        "is_editors_pick",
        AuthorChooserFilter,
        TagChooserFilter,
        "published_at",
    ]
    search_fields = ["headline", "standfirst", "slug"]
    search_help_text = _("Headline, standfirst, address, author names and the text itself.")
    date_hierarchy = "published_at"  # drawn by articles.admin_lists.date_hierarchy (change_list.html)
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-modified_at"]
    autocomplete_fields = ["section"]
    prepopulated_fields = {"slug": ["headline"]}
    inlines = [BylineInline, RelatedArticleInline, CorrectionInline, FormerSlugInline]
    object_history_template = "admin/articles/article/object_history.html"

    class Media:
        css = {"all": ["css/admin.css"]}
        js = [
            "js/admin-form-guard.js",
            "js/admin-seo.js",
            "js/admin-editing.js",
            "js/admin-autosave.js",
            "js/admin-presence.js",
            "js/admin-publishing.js",
            "js/admin-token-tags.js",
            "js/admin-filter-chooser.js",
            "js/admin-image-chooser.js",
        ]

    def get_fieldsets(self, request, obj=None):
        """Writing first; the settings below it in groups, the rarely used ones folded away.
        The status is set by the publishing buttons; status and version travel hidden."""
        publication = ["published_at", "updated_at"]
        if can_publish(request.user):
            publication.append("substantive_update")
        return [
            (None, {"fields": ["headline", "standfirst", "body", "status", "version", "pending_saved_at"]}),
            (_("Section, tags and kicker"), {"fields": ["section", "tags", "kicker"]}),
            (
                _("Lead photo"),
                {"fields": ["lead_image", "lead_image_caption", "is_without_photo"]},
            ),
            (
                _("Publication and address"),
                # Open while the story is not out yet: its publication time is how it is scheduled.
                {"classes": ["collapse"] if is_out(obj) else [], "fields": [*publication, "slug", "preview_link"]},
            ),
            (
                _("Editors' picks and front-page lead"),
                {
                    "classes": ["collapse"],
                    "fields": [
                        ("is_editors_pick", "editors_pick_position"),
                        ("editors_pick_starts_at", "editors_pick_ends_at"),
                        ("lead_position", "lead_starts_at", "lead_ends_at"),
                        "beside_lead_position",
                    ],
                },
            ),
            (_("Search engines"), {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
            (
                _("Record"),
                {
                    "classes": ["collapse"],
                    "fields": [
                        "reading_time_minutes",
                        "first_published_at",
                        "created_by",
                        "last_edited_by",
                        "modified_at",
                    ],
                },
            ),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            return photo_chooser_field(db_field, request, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            "lead_image_preview",
            "preview_link",
            "updated_at",
            "reading_time_minutes",
            "first_published_at",
            "created_by",
            "last_edited_by",
            "modified_at",
        ]
        if not can_publish(request.user):
            readonly += EDITOR_ONLY_FIELDS
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def get_queryset(self, request):
        return (
            articles_visible_to(request.user, super().get_queryset(request))
            # The changelist ignores list_select_related once the queryset has its own.
            .select_related("section", "lead_image", "created_by", "last_edited_by", "pending_changes")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def get_search_results(self, request, queryset, search_term):
        """Also find articles by their authors' names and by their text: on PostgreSQL
        through the full-text documents the services keep current, elsewhere by a plain match."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return queryset, may_have_duplicates
        also = matching(Article.objects.all(), search_term)
        return queryset | self.get_queryset(request).filter(pk__in=also.values("pk")), may_have_duplicates

    # Permissions: model permissions first, then the article-level rules.

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or can_edit_article(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or can_view_article(request.user, obj)

    def recoverlist_view(self, request, extra_context=None):
        if not can_recover_articles(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not can_recover_articles(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def has_curate_permission(self, request):
        return can_curate(request.user)

    # Columns and read-only fields.

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        if article.is_scheduled:
            return format_html('<span class="status status-scheduled">{}</span>', _("Scheduled"))
        if article.is_live and hasattr(article, "pending_changes"):
            return format_html('<span class="status status-pending">{}</span>', _("Published · changes pending"))
        return format_html('<span class="status status-{}">{}</span>', article.status, article.get_status_display())

    @admin.display(description=_("published"), ordering="published_at")
    def published_short(self, article):
        return short_time(article.published_at)

    @admin.display(description=_("modified"), ordering="modified_at")
    def modified_short(self, article):
        return short_time(article.modified_at)

    def changelist_view(self, request, extra_context=None):
        # The list needs the width: headlines stay readable at 1280 px beside the filters.
        response = super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and changelist.paginator.is_estimate:
            response.context_data["selection_note_all"] = _("All %(total_count)s selected") % {
                "total_count": changelist.paginator.shown_count
            }
        return response

    @admin.display(description=_("byline"))
    def byline_names(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description=_("preview"))
    def lead_image_preview(self, article):
        return image_thumbnail(article.lead_image, width=240)

    @admin.display(description=_("see it as readers will"))
    def preview_link(self, article):
        if not article.pk:
            return _("Save first to get a preview.")
        url = reverse("reader:preview", kwargs={"pk": article.pk})
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', url, _("Open preview"))

    def view_on_site(self, article):
        return article.get_absolute_url() if article.is_live else reverse("reader:preview", kwargs={"pk": article.pk})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(self.editing_context(request, obj, form))
        context.update(self.publishing_context(request, obj, form))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Saving.

    def save_model(self, request, obj, form, change):
        """Nothing yet: the article is saved with its inlines, in one service call, by save_related."""

    def save_related(self, request, form, formsets, change):
        if form.is_pending:
            self.save_as_pending(request, form, formsets)
        else:
            save_article(
                article=form.instance,
                user=request.user,
                substantive_update=bool(form.cleaned_data.get("substantive_update")) and can_publish(request.user),
                save_related=lambda: super(ArticleAdmin, self).save_related(request, form, formsets, change),
                before=getattr(request, "article_footprint_before", STORED),
            )
            self.after_save(request, form)
        self.forget_saved_autosave(request)

    # Bulk actions: each article goes through the same service as a single save.

    actions = [bulk_action(spec) for spec in BULK_ACTIONS]

    def delete_model(self, request, obj):
        delete_articles(articles=Article.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_articles(articles=queryset)


@admin.register(Curation)
class CurationAdmin(admin.ModelAdmin):
    """Editors' picks and the front-page lead on one page, put in order by dragging
    (or with each story's Move up / Move down buttons), with unique positions."""

    list_select_related = ["section", "pending_changes"]
    actions = None

    status_label = ArticleAdmin.status_label

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(Q(is_editors_pick=True) | Q(lead_position__isnull=False) | Q(beside_lead_position__isnull=False))
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_curate(request.user)

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            if not self.has_change_permission(request):
                raise PermissionDenied

            def ids(name):
                return [number for value in request.POST.getlist(name) if (number := whole_number(value)) is not None]

            changed = arrange_front_page(
                lead_ids=ids("lead"), beside_ids=ids("beside"), pick_ids=ids("pick"), user=request.user
            )
            self.message_user(
                request,
                ngettext("Saved the new order (%d story moved).", "Saved the new order (%d stories moved).", changed)
                % changed
                if changed
                else _("Nothing changed."),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        curated = self.get_queryset(request).select_related("section", "pending_changes")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Arrange the front page"),
            "leads": [
                (a, self.status_label(a))
                for a in curated.filter(lead_position__isnull=False).order_by("lead_position", "-published_at", "-id")
            ],
            "beside": [
                (a, self.status_label(a))
                for a in curated.filter(beside_lead_position__isnull=False).order_by(
                    "beside_lead_position", "-published_at", "-id"
                )
            ],
            "picks": [
                (a, self.status_label(a))
                for a in curated.filter(is_editors_pick=True).order_by("editors_pick_position", "-published_at", "-id")
            ],
            "may_change": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/curation/arrange.html", context)


@admin.register(CallToAction)
class CallToActionAdmin(VersionAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["headline", "link_url", "after_paragraph", "is_enabled"]
    list_editable = ["is_enabled"]

    def has_add_permission(self, request):
        # One promo is all the article page shows; edit it rather than adding more.
        return super().has_add_permission(request) and not CallToAction.objects.exists()
