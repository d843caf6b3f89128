from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from .models import Page


@admin.register(Page)
class PageAdmin(VersionAdmin):
    """About us, Contact, the policies: kept as revisions, so "who changed the privacy
    policy, and when" has an answer."""

    list_display = ["title", "slug", "position", "is_in_footer", "is_published", "updated_at"]
    list_editable = ["position", "is_in_footer"]
    list_filter = ["is_published", "is_in_footer"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "body"]}),
        (_("Where it is shown"), {"fields": ["is_published", "is_in_footer", "position"]}),
    ]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-form-guard.js"]
