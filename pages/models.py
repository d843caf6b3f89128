"""The newspaper's standing pages: About us, Contact, the corrections policy, Privacy,
the accessibility statement, and whatever else editors add. Written in the admin;
shown at ``/info/<slug>/`` and listed in the site's footer."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from richtext.fields import RichTextField, same_rich_text

# What readers read; a change to any of them moves the "Last updated" date.
CONTENT_FIELDS = ("title", "description", "body")


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_footer(self):
        return self.published().filter(is_in_footer=True)


class Page(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The page's address: /info/<slug>/, e.g. “privacy”.")
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for search engines and link previews."),
    )
    body = RichTextField(_("text"), config_name="page")
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the footer: lower comes first.")
    )
    is_in_footer = models.BooleanField(_("listed in the footer"), default=True)
    is_published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("An unpublished page answers “not found” and is left out of the footer and the sitemap."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(
        _("last updated"),
        editable=False,
        help_text=_("Shown on the page: when its title, description or text last changed."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position", "title"]
        constraints = [models.CheckConstraint(condition=~models.Q(title=""), name="page_title_not_empty")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # "Last updated" is a promise to readers (a privacy policy's date matters):
        # it moves when the text changes, not when the page moves in the footer.
        if self.updated_at is None or self.has_content_changed():
            self.updated_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "updated_at"}
        super().save(*args, **kwargs)
        self._loaded_content = {name: getattr(self, name) for name in CONTENT_FIELDS}

    def get_absolute_url(self) -> str:
        return reverse("reader:page", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        page = super().from_db(db, field_names, values)
        # What was read, to tell a change of text from a save that changed nothing readers see.
        loaded = dict(zip(field_names, values, strict=True))
        page._loaded_content = {name: loaded[name] for name in CONTENT_FIELDS if name in loaded}
        return page

    def has_content_changed(self) -> bool:
        loaded = getattr(self, "_loaded_content", None)
        if loaded is None:
            return True
        for name, before in loaded.items():
            now = getattr(self, name)
            if not (same_rich_text(before, now) if name == "body" else before == now):
                return True
        return False
