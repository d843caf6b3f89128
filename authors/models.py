from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from richtext.fields import RichTextField


class AuthorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Author(models.Model):
    """A byline: staff reporter, editor, freelancer or agency."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        help_text=_('Shown under the name, e.g. "Reporter" or "Editor-in-chief".'),
    )
    short_bio = models.TextField(
        _("short bio"),
        blank=True,
        help_text=_("One paragraph for the bio box under articles."),
    )
    full_bio = RichTextField(_("full bio"), config_name="bio", blank=True)
    avatar = models.ForeignKey(
        "media.Image",
        verbose_name=_("avatar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="author_avatars",
    )
    email = models.EmailField(_("email"), blank=True)
    awards = models.TextField(_("awards"), blank=True, help_text=_("One award per line."))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("Leave empty for freelancers and agencies without an account."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive authors keep their page and articles but are not offered for new bylines."),
    )

    objects = AuthorQuerySet.as_manager()

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]
        permissions = [("link_author_account", _("Can link a staff account to an author profile"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reader:author", kwargs={"slug": self.slug})

    @property
    def award_list(self) -> list[str]:
        return [line.strip() for line in self.awards.splitlines() if line.strip()]


class AuthorLink(models.Model):
    class Kind(models.TextChoices):
        WEBSITE = "website", _("Website")
        X = "x", _("X")
        TELEGRAM = "telegram", _("Telegram")
        FACEBOOK = "facebook", _("Facebook")
        INSTAGRAM = "instagram", _("Instagram")
        LINKEDIN = "linkedin", _("LinkedIn")
        BLUESKY = "bluesky", _("Bluesky")
        MASTODON = "mastodon", _("Mastodon")
        OTHER = "other", _("Other")

    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WEBSITE)
    url = models.URLField(_("address"), max_length=500)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.url}"
