from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from media.admin import image_thumbnail

from .models import Author, AuthorLink


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 1
    fields = ["kind", "url", "position"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["avatar_thumbnail", "name", "role", "email", "user", "is_active"]
    list_display_links = ["avatar_thumbnail", "name"]
    list_select_related = ["avatar", "user"]
    list_filter = ["is_active", "role"]
    search_fields = ["name", "role", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["avatar", "user"]
    readonly_fields = ["avatar_preview"]
    show_full_result_count = False
    inlines = [AuthorLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "is_active"]}),
        (_("Profile"), {"fields": ["avatar", "avatar_preview", "short_bio", "full_bio", "awards"]}),
        (_("Contact and account"), {"fields": ["email", "user"]}),
    ]

    @admin.display(description=_("avatar"))
    def avatar_thumbnail(self, author):
        return image_thumbnail(author.avatar, width=40)

    @admin.display(description=_("current avatar"))
    def avatar_preview(self, author):
        return image_thumbnail(author.avatar, width=120)
