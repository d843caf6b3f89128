from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from richtext.parsing import whole_number

from .chooser import ImageChooserWidget, chooser_entry, metadata_of_upload, search_library
from .kept_uploads import keep_upload, kept_upload, kept_upload_name
from .metadata import shortened_note
from .models import Image
from .processing import normalise_photo
from .renditions import closest_rendition
from .services import save_image
from .usage import find_image_usage
from .validators import validate_image_file, validate_kept_animation

USAGE_LIST_LIMIT = 20


def image_thumbnail(image: Image | None, width: int = 80, *, from_renditions: bool = False):
    """A small preview for admin lists and forms.

    With ``from_renditions``, a rendition sharp on high-density screens once there is one
    rather than the full original; that reads ``image.renditions``, so lists must prefetch it.
    """
    if image is None or not image.file:
        return "—"
    height = round(width * image.height / image.width) if image.width else width
    rendition = closest_rendition(image, width * 2) if from_renditions else None
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" '
        'style="object-fit:cover;border-radius:3px;background:#eee">',
        rendition.url if rendition else image.file.url,
        image.alt_text,
        width,
        height,
    )


def photo_chooser_field(db_field, request, **kwargs):
    """The form field of a foreign key to a library photo: chosen by sight (media.chooser)."""
    return db_field.formfield(widget=ImageChooserWidget(), **kwargs)


class LibraryImageField(forms.ImageField):
    """A photo file judged by the library's rules (``media.validators``) alone: Django's own
    check opens it with Pillow first, refuses a file too large in pixels as "not an
    image", and lets a truncated one through."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_image_file(upload)
        return upload


class ImageAdminForm(forms.ModelForm):
    """The library's photo form; a chosen file survives a form error (``media.kept_uploads``)."""

    kept_upload = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Image
        fields = [
            "file",
            "is_animation_kept",
            "alt_text",
            "caption",
            "credit",
            "copyright_holder",
            "usage_note",
            "focal_point_x",
            "focal_point_y",
        ]
        field_classes = {"file": LibraryImageField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._bring_back_kept_upload()
        if "credit" not in self.fields:  # read-only for people who may only view images
            return
        # Left empty, the credit is taken from the photo's own metadata in clean().
        self.fields["credit"].required = False
        self.fields["credit"].help_text = _(
            'Photographer and agency, e.g. "Jane Photographer/Agency Images". '
            "Leave empty to use the credit embedded in the photo."
        )

    def _bring_back_kept_upload(self):
        token = self.data.get(self.add_prefix("kept_upload"), "") if self.is_bound else ""
        if not token or "file" not in self.fields:
            return
        name = kept_upload_name(token)
        if name:
            self.fields["file"].help_text = _("Kept from your last try: %(name)s. No need to choose it again.") % {
                "name": name
            }
        if self.files.get(self.add_prefix("file")):
            return  # a new file was chosen instead
        upload = kept_upload(token)
        if upload is not None:
            files = self.files.copy()
            files[self.add_prefix("file")] = upload
            self.files = files

    def full_clean(self):
        super().full_clean()
        upload = getattr(self, "cleaned_data", {}).get("file")
        if self.errors and "file" not in self.errors and "file" in self.changed_data and upload:
            # The form comes back with errors: keep the photo so it need not be chosen again.
            data = self.data.copy()
            data[self.add_prefix("kept_upload")] = keep_upload(upload)
            self.data = data
            kept = _("Kept: %(name)s. No need to choose it again.") % {"name": PurePath(upload.name or "").name}
            self.fields["file"].help_text = self["file"].help_text = kept

    def clean(self):
        cleaned = super().clean()
        # The fields filled with the beginning of a longer embedded text, for a note once saved.
        self.shortened_fields = frozenset()
        new_file = "file" in self.changed_data and cleaned.get("file") and not self.errors.get("file")
        if cleaned.get("is_animation_kept") and (new_file or "is_animation_kept" in self.changed_data):
            self._check_kept_animation(cleaned["file"] if new_file else None)
        if new_file:
            probe = Image(
                file=cleaned["file"],
                caption=cleaned.get("caption", ""),
                credit=cleaned.get("credit", ""),
                copyright_holder=cleaned.get("copyright_holder", ""),
            )
            self.shortened_fields = probe.fill_from_embedded_metadata()
            for field in ("caption", "credit", "copyright_holder"):
                cleaned[field] = getattr(probe, field)
            # Read the metadata first: turning the photo upright may re-encode it.
            cleaned["file"] = normalise_photo(cleaned["file"])
        if not cleaned.get("credit"):
            self.add_error(
                "credit",
                _(
                    "Every photo needs a credit, and this one carries none in its metadata. "
                    'Enter one, e.g. "Jane Photographer/Agency Images".'
                ),
            )
        return cleaned

    def _check_kept_animation(self, upload):
        """An animation shown as it is must be one, and within the limits (``media.validators``)."""
        try:
            if upload is not None:
                validate_kept_animation(upload)
            elif self.instance.file:
                with self.instance.file.open("rb") as stored:
                    validate_kept_animation(stored)
        except forms.ValidationError as error:
            self.add_error("is_animation_kept", error)


def usage_links(objects):
    """Links to each object's admin page, named from the object's own model."""
    return format_html_join(
        "",
        '<li><a href="{}">{}</a></li>',
        ((reverse(admin_urlname(obj._meta, "change"), args=[obj.pk]), str(obj)) for obj in objects),
    )


class NeedsCreditFilter(admin.SimpleListFilter):
    """Photos filed from the article editor without a credit, for the photo desk to complete."""

    title = _("credit")
    parameter_name = "credit"

    def lookups(self, request, model_admin):
        return [("missing", _("Needs a credit"))]

    def queryset(self, request, queryset):
        return queryset.filter(credit="") if self.value() == "missing" else queryset


class ImageChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # Thumbnails come from each image's rendition index: no rendition rows at all.
        return super().get_queryset(request, exclude_parameters)


@admin.register(Image)
class ImageAdmin(VersionAdmin):
    form = ImageAdminForm

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/admin-form-guard.js", "js/admin-image-form.js"]

    list_display = ["thumbnail", "title", "credit", "dimensions", "uploaded_by", "uploaded_at"]
    list_display_links = ["thumbnail", "title"]
    list_select_related = ["uploaded_by"]
    list_filter = [NeedsCreditFilter, "uploaded_at", "uploaded_by"]
    search_fields = ["caption", "alt_text", "credit", "copyright_holder"]
    date_hierarchy = "uploaded_at"
    show_full_result_count = False
    readonly_fields = ["preview", "dimensions", "uploaded_by", "uploaded_at", "where_used"]
    fieldsets = [
        (None, {"fields": ["preview", "file", "is_animation_kept", "kept_upload", "alt_text", "caption", "credit"]}),
        (_("Focal point"), {"fields": [("focal_point_x", "focal_point_y")]}),
        (_("Where it is used"), {"classes": ["image-usage"], "fields": ["where_used"]}),
        (_("Rights"), {"fields": ["copyright_holder", "usage_note"]}),
        (
            _("Details"),
            {
                "classes": ["collapse"],
                "fields": ["dimensions", "uploaded_by", "uploaded_at"],
            },
        ),
    ]

    def get_changelist(self, request, **kwargs):
        return ImageChangeList

    @admin.display(description=_("preview"))
    def thumbnail(self, image):
        return image_thumbnail(image, from_renditions=True)

    @admin.display(description=_("preview"))
    def preview(self, image):
        """The photo, to click where its focal point is (js/admin-image-form.js); a new one once chosen."""
        metadata_url = reverse("admin:media_image_metadata")
        if not image.pk:
            return format_html(
                '<div class="focal-picker" data-metadata-url="{}">{}</div>',
                metadata_url,
                _("Choose a file to see it here."),
            )
        return format_html(
            '<div class="focal-picker" data-metadata-url="{}">{}</div>',
            metadata_url,
            image_thumbnail(image, width=480, from_renditions=True),
        )

    @admin.display(description=_("image"), ordering="caption")
    def title(self, image):
        return str(image)

    @admin.display(description=_("size"))
    def dimensions(self, image):
        return f"{image.width}×{image.height}" if image.width else "—"

    @admin.display(description=_("used in"))
    def where_used(self, image):
        if not image.pk:
            return "—"
        parts = []
        for usage in find_image_usage(image):
            shown = list(usage.objects[:USAGE_LIST_LIMIT])
            if shown:
                parts.append(format_html("<p>{}</p><ul>{}</ul>", usage.kind.label, usage_links(shown)))
        return format_html_join("", "{}", ((part,) for part in parts)) or _("Not used anywhere yet.")

    def get_deleted_objects(self, objs, request):
        """Refuse to delete an image that articles or authors still show.

        Uses protected by a foreign key (lead photos, avatars) show up in Django's own
        list; the others (a photo placed inside a text) are added here.
        """
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for image in objs:
            for usage in find_image_usage(image):
                if usage.kind.blocks_deletion:
                    protected.extend(
                        format_html("{}: {}", usage.kind.label, obj) for obj in usage.objects[:USAGE_LIST_LIMIT]
                    )
        return deleted, model_count, perms_needed, protected

    def save_model(self, request, obj, form, change):
        save_image(
            image=obj,
            changed_fields=form.changed_data if change else (),
            uploaded_by=None if change else request.user,
        )
        for field in sorted(getattr(form, "shortened_fields", ())):
            self.message_user(request, shortened_note(field), messages.WARNING)

    # The photo chooser of other forms (media.chooser): search, upload, read a file's metadata.

    def get_urls(self):
        def view(function, route, name):
            return path(route, self.admin_site.admin_view(function), name=f"media_image_{name}")

        return [
            view(self.chooser_view, "chooser/", "chooser"),
            view(self.chooser_upload_view, "chooser/upload/", "chooser_upload"),
            view(self.metadata_view, "metadata/", "metadata"),
            *super().get_urls(),
        ]

    def chooser_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        wanted = whole_number(request.GET.get("id", ""))
        if wanted is not None:
            found = Image.objects.filter(pk=wanted)
            return JsonResponse({"results": [chooser_entry(image) for image in found], "has_more": False})
        page = request.GET.get("page", "1")
        images, has_more = search_library(request.GET.get("q", ""), page=whole_number(page, at_most=10_000) or 1)
        return JsonResponse({"results": [chooser_entry(image) for image in images], "has_more": has_more})

    def chooser_upload_view(self, request):
        """File a photo uploaded from another form's chooser, with the library's own rules."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImageAdminForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"errors": {name: list(errors) for name, errors in form.errors.items()}}, status=400)
        image = save_image(image=form.save(commit=False), uploaded_by=request.user)
        return JsonResponse({"image": chooser_entry(image)})

    def metadata_view(self, request):
        """The caption, credit and copyright a chosen file carries, before anything is saved."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        upload = request.FILES.get("file")
        if upload is None:
            return JsonResponse({"error": _("No file was sent.")}, status=400)
        try:
            return JsonResponse(metadata_of_upload(upload))
        except forms.ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
