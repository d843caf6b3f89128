from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from media.admin import image_thumbnail, photo_chooser_field

from .models import Author, AuthorLink
from .services import save_author

# What staff may change on their own profile without the author permissions.
OWN_PROFILE_FIELDS = {"avatar", "short_bio", "full_bio"}


def is_own_profile(request, author) -> bool:
    """True for the user's own profile; with no profile given, whether they have one."""
    if author is None:
        return hasattr(request.user, "author_profile")
    return author.user_id is not None and author.user_id == request.user.pk


class AuthorLinkInline(admin.TabularInline):
    model = AuthorLink
    extra = 1
    fields = ["kind", "url", "position"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


def may_link_accounts(user) -> bool:
    return user.is_superuser or user.has_perm("authors.link_author_account")


@admin.register(Author)
class AuthorAdmin(VersionAdmin):
    list_display = ["avatar_thumbnail", "name", "role", "email", "user", "is_active"]
    list_display_links = ["avatar_thumbnail", "name"]
    list_select_related = ["avatar", "user"]
    list_filter = ["is_active", "role"]
    search_fields = ["name", "role", "email"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    show_full_result_count = False
    inlines = [AuthorLinkInline]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-form-guard.js", "js/admin-image-chooser.js"]

    fieldsets = [
        (None, {"fields": ["name", "slug", "role", "is_active"]}),
        (_("Profile"), {"fields": ["avatar", "short_bio", "full_bio", "awards"]}),
        (_("Contact and account"), {"fields": ["email", "user"]}),
    ]

    # Any staff member with an author profile may keep their own bio and avatar
    # up to date, whatever their role.

    def has_module_permission(self, request):
        return super().has_module_permission(request) or is_own_profile(request, None)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) or is_own_profile(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or is_own_profile(request, obj)

    def is_limited_to_own_profile(self, request, obj) -> bool:
        return not self.has_author_permission(request, "change") and is_own_profile(request, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "avatar":
            return photo_chooser_field(db_field, request, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = []
        if not may_link_accounts(request.user):
            # Whoever holds a profile's account may edit its author's drafts: not for every photo editor.
            readonly.append("user")
        if self.is_limited_to_own_profile(request, obj):
            readonly += [name for name in self._all_fields() if name not in OWN_PROFILE_FIELDS]
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        return {} if self.is_limited_to_own_profile(request, obj) else super().get_prepopulated_fields(request, obj)

    def get_inlines(self, request, obj):
        if not self.has_author_permission(request, "change"):
            return []
        return super().get_inlines(request, obj)

    def has_author_permission(self, request, action: str) -> bool:
        return request.user.has_perm(f"authors.{action}_author")

    def _all_fields(self) -> list[str]:
        return [field for _name, options in self.fieldsets for field in options["fields"]]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not super().has_view_permission(request):
            return queryset.filter(user=request.user)
        return queryset

    def save_model(self, request, obj, form, change):
        save_author(author=obj, changed_fields=form.changed_data if change else ())

    @admin.display(description=_("avatar"))
    def avatar_thumbnail(self, author):
        return image_thumbnail(author.avatar, width=40)
