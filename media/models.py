import secrets
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage

from .metadata import read_embedded_metadata

# The stored file's extension comes from what the file is, never from the name it came with.
EXTENSIONS = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def content_extension(file) -> str:
    """ ".jpg", ".png", ".webp" or ".gif" as Pillow reads the content; ".bin" for anything else."""
    try:
        file.seek(0)
        with PillowImage.open(file) as picture:
            found = picture.format
    except (OSError, ValueError, SyntaxError):
        found = None
    finally:
        file.seek(0)
    return EXTENSIONS.get(found, ".bin")


def image_upload_path(instance: "Image", filename: str) -> str:
    """images/YYYY/MM/<name>-<random>.<type>: named by its real content type (a photo called
    "x.html" is stored as .jpg and served as one), with a random part so that nobody can
    guess the address of an embargoed story's photo."""
    stem = slugify(PurePath(filename).stem)[:60] or "image"
    return f"images/{timezone.now():%Y/%m}/{stem}-{secrets.token_hex(6)}{content_extension(instance.file)}"


class ImageQuerySet(models.QuerySet):
    def with_renditions(self, **only):
        """Prefetch the Rendition rows, one query for all images (``build_renditions`` compares
        them with what should exist; pages read ``Image.rendition_index`` instead).

        ``only`` narrows them (e.g. ``crop="original", format="webp"``).
        """
        if only:
            return self.prefetch_related(models.Prefetch("renditions", queryset=Rendition.objects.filter(**only)))
        return self.prefetch_related("renditions")

    def by_urls(self, urls) -> dict[str, "Image"]:
        """The library images at these addresses (as placed in a text), by address.

        Addresses outside ``MEDIA_URL`` (other sites' photos) are ignored; no address, no query.
        """
        names = {url.removeprefix(settings.MEDIA_URL) for url in urls if url.startswith(settings.MEDIA_URL)}
        if not names:
            return {}
        return {image.file.url: image for image in self.filter(file__in=names)}


class Image(models.Model):
    """A photograph in the library, credited the same way wherever it is used."""

    file = models.ImageField(
        _("file"),
        upload_to=image_upload_path,
        width_field="width",
        height_field="height",
        max_length=255,
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=300,
        help_text=_("What the photo shows, for readers who cannot see it. Required."),
    )
    caption = models.TextField(
        _("caption"),
        blank=True,
        help_text=_("Shown under the photo. Pre-filled from the photo's embedded metadata."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_(
            'Photographer and agency, e.g. "Jane Photographer/Agency Images". Required before the photo '
            "desk signs it off; a photo uploaded from the article editor without one shows no credit "
            'and is listed under "Needs a credit".'
        ),
    )
    copyright_holder = models.CharField(_("copyright holder"), max_length=255, blank=True)
    usage_note = models.TextField(
        _("licence and usage"),
        blank=True,
        help_text=_("Licence terms or restrictions, e.g. 'Editorial use only'."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_images",
        editable=False,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    is_animation_kept = models.BooleanField(
        _("keep animation"),
        default=False,
        help_text=_(
            "For an animated GIF, WebP or PNG: show the animation itself on pages, at most 300 frames and "
            "50 megapixels in all its frames together. Left off, pages show its first frame as a still "
            "photo, far lighter for readers to load."
        ),
    )
    focal_point_x = models.FloatField(
        _("focal point (x)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 = left edge, 1 = right edge. Crops keep this point in view."),
    )
    focal_point_y = models.FloatField(
        _("focal point (y)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("0 = top edge, 1 = bottom edge."),
    )

    # What media.renditions has made of this photo, so a page builds its srcsets from the
    # image row alone: {crop: {format: [[width, height, storage name, rendition id], ...]}},
    # narrowest first. Kept by media.renditions whenever renditions are made or removed.
    rendition_index = models.JSONField(_("renditions made"), default=dict, blank=True, editable=False)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["-uploaded_at", "-id"], name="image_latest_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(alt_text=""), name="image_alt_text_required"),
            models.CheckConstraint(
                condition=(
                    Q(focal_point_x__isnull=True, focal_point_y__isnull=True)
                    | Q(
                        focal_point_x__gte=0,
                        focal_point_x__lte=1,
                        focal_point_y__gte=0,
                        focal_point_y__lte=1,
                    )
                ),
                name="image_focal_point_in_frame",
            ),
        ]

    def __str__(self) -> str:
        return self.caption[:80] or self.alt_text[:80] or self.file.name

    def get_absolute_url(self) -> str:
        return self.file.url

    @property
    def has_focal_point(self) -> bool:
        return self.focal_point_x is not None and self.focal_point_y is not None

    def fill_from_embedded_metadata(self) -> frozenset[str]:
        """Pre-fill empty caption, credit and copyright from the file's IPTC/EXIF.

        Returns the fields filled with only the beginning of a longer embedded text
        (``media.metadata.MAX_CAPTION_LENGTH`` and ``MAX_CREDIT_LENGTH``), for a note.
        """
        if not self.file:
            return frozenset()
        self.file.seek(0)
        with PillowImage.open(self.file) as picture:
            embedded = read_embedded_metadata(picture)
        self.file.seek(0)
        filled = {field for field in ("caption", "credit", "copyright_holder") if not getattr(self, field)}
        for field in filled:
            setattr(self, field, getattr(embedded, field))
        return frozenset(filled & embedded.shortened)


def rendition_upload_path(instance: "Rendition", filename: str) -> str:
    """One folder per image, so an image's renditions can be listed and removed together."""
    return f"renditions/{instance.image_id}/{filename}"


class Rendition(models.Model):
    """A resized (and perhaps cropped) copy of an image, made once and reused by every page.

    Made by ``media.renditions.build_renditions`` after an upload, never while a reader waits.
    """

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(Image, verbose_name=_("image"), on_delete=models.CASCADE, related_name="renditions")
    crop = models.CharField(
        _("crop"),
        max_length=16,
        default="original",
        help_text=_('Aspect ratio it was cut to around the focal point, e.g. "16:9", or "original".'),
    )
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("file"), upload_to=rendition_upload_path, max_length=255)

    class Meta:
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(fields=["image", "width", "format", "crop"], name="rendition_one_per_size"),
            models.CheckConstraint(condition=Q(format__in=["webp", "jpeg"]), name="rendition_format_known"),
        ]

    def __str__(self) -> str:
        return f"{self.image_id} {self.crop} {self.width}×{self.height} {self.format}"

    def get_absolute_url(self) -> str:
        return self.file.url
