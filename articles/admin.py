from django.contrib import admin
from django.db.models import Count, Prefetch
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from media.admin import image_thumbnail

from .models import Article, Byline, FormerSlug, RelatedArticle, Section, TaggedArticle
from .services import save_article


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_in_navigation"]
    list_editable = ["position", "is_in_navigation"]
    list_filter = ["is_in_navigation"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


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


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["author", "role", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    verbose_name = _("author")
    verbose_name_plural = _("byline (in order)")


class TaggedArticleInline(admin.TabularInline):
    model = TaggedArticle
    fk_name = "content_object"
    extra = 2
    autocomplete_fields = ["tag"]
    verbose_name = _("tag")
    verbose_name_plural = _("tags")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("tag")


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 1
    autocomplete_fields = ["related"]
    fields = ["related", "position"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("related")

    verbose_name = _("related article")
    verbose_name_plural = _("read also (in order)")


class FormerSlugInline(admin.TabularInline):
    model = FormerSlug
    extra = 0
    fields = ["slug", "retired_at"]
    readonly_fields = ["slug", "retired_at"]
    can_delete = True
    verbose_name_plural = _("old addresses (redirected here)")
    classes = ["collapse"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "headline",
        "status_label",
        "section",
        "byline_names",
        "published_at",
        "is_editors_pick",
        "modified_at",
    ]
    list_select_related = ["section"]
    list_filter = [
        "status",
        "section",
        "is_editors_pick",
        ("authors", admin.RelatedFieldListFilter),
        "tags",
        "published_at",
    ]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    show_full_result_count = False
    list_per_page = 50
    ordering = ["-modified_at"]
    autocomplete_fields = ["section", "lead_image"]
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = [
        "lead_image_preview",
        "reading_time_minutes",
        "first_published_at",
        "created_by",
        "last_edited_by",
        "modified_at",
    ]
    inlines = [BylineInline, TaggedArticleInline, RelatedArticleInline, FormerSlugInline]
    fieldsets = [
        (None, {"fields": ["kicker", "headline", "standfirst", "section", "body"]}),
        (_("Lead photo"), {"fields": ["lead_image", "lead_image_preview", "lead_image_caption"]}),
        (_("Publication"), {"fields": ["status", "published_at", "updated_at", "slug"]}),
        (_("Editors' picks"), {"fields": ["is_editors_pick", "editors_pick_position"]}),
        (_("Search engines"), {"classes": ["collapse"], "fields": ["seo_title", "seo_description"]}),
        (
            _("Record"),
            {
                "classes": ["collapse"],
                "fields": ["reading_time_minutes", "first_published_at", "created_by", "last_edited_by", "modified_at"],
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            # The changelist ignores list_select_related once the queryset has its own.
            .select_related("section", "lead_image", "created_by", "last_edited_by")
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        label = _("Scheduled") if article.is_scheduled else article.get_status_display()
        return format_html('<span class="status status-{}">{}</span>', article.status, label)

    @admin.display(description=_("byline"))
    def byline_names(self, article):
        return ", ".join(byline.author.name for byline in article.bylines.all())

    @admin.display(description=_("preview"))
    def lead_image_preview(self, article):
        return image_thumbnail(article.lead_image, width=240)

    def save_model(self, request, obj, form, change):
        save_article(article=obj, user=request.user)
