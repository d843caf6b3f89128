"""Responsive renditions: every photo resized once per size and crop, then reused.

A phone should not download a 4000-pixel original to show it 360 pixels wide, and no
reader should wait while a photo is resized. So each image gets a fixed set of smaller
copies right after it is uploaded (``media.services.schedule_renditions``) or from the
``build_renditions`` command, kept in the storage backend; pages only choose among the
files that exist (``picture_for``) and show the original until they do.

Each size is made as WebP, smaller at the same quality, and as JPEG for the clients
without WebP. Photos are never enlarged: a size wider than the photo is left out and the
photo's own width is made instead. Crops to a fixed ratio keep the focal point in view.
Renditions are pixels only: converted to sRGB, with no colour profile and no EXIF, and an
animation's are stills of its first frame (a 5,000-frame GIF was served at every size).
"""

import io
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from PIL import Image as PillowImage

from .colour import to_srgb
from .models import Image, Rendition

RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
AVATAR_WIDTHS = (64, 128, 256)
# Renditions are shown at their size, so they can be compressed harder than originals
# (media.processing keeps those at 90). WebP's default effort (method 4) is kept: 6 is
# about twice as slow for a few per cent.
WEBP_QUALITY = 80
JPEG_QUALITY = 82
# Pillow shrinks by whole factors first and resamples with Lanczos only the last
# stretch: several times faster than Lanczos throughout, and the same to the eye.
REDUCING_GAP = 3.0
# The modes Pillow can reduce by a whole factor; others (palette, one-bit) are converted first.
REDUCIBLE_MODES = {"RGB", "RGBA", "L", "LA", "CMYK"}
JPEG_BACKGROUND = (255, 255, 255)  # where a transparent PNG or GIF had no pixels


@dataclass(frozen=True)
class Crop:
    """A shape pages ask for: ``ratio`` None keeps the photo's own proportions."""

    key: str
    ratio: tuple[int, int] | None
    widths: tuple[int, ...]

    def size_in(self, width: float, height: float) -> tuple[float, float]:
        """The largest area of this shape that fits in a ``width`` × ``height`` photo."""
        if self.ratio is None:
            return width, height
        ratio = self.ratio[0] / self.ratio[1]
        return (width, width / ratio) if width / height <= ratio else (height * ratio, height)

    def box_in(self, width: int, height: int, focal_x: float, focal_y: float) -> tuple[float, float, float, float]:
        """That area, centred on the focal point as far as the photo's edges allow."""
        crop_width, crop_height = self.size_in(width, height)
        left = min(max(focal_x * width - crop_width / 2, 0), width - crop_width)
        top = min(max(focal_y * height - crop_height / 2, 0), height - crop_height)
        return left, top, left + crop_width, top + crop_height

    def widths_for(self, available: int) -> list[int]:
        """Never wider than the photo has pixels for, but always the photo's own width
        when a wanted width is missing, so the widest screens get the full detail."""
        widths = [width for width in self.widths if width <= available]
        if available < self.widths[-1] and available not in widths:
            widths.append(available)
        return widths

    def height_for(self, width: int, source_width: float, source_height: float) -> int:
        if self.ratio is not None:
            return max(1, round(width * self.ratio[1] / self.ratio[0]))
        return max(1, round(width * source_height / source_width))


ORIGINAL = Crop("original", None, RENDITION_WIDTHS)
CROPS = {
    crop.key: crop
    for crop in (
        ORIGINAL,
        Crop("16:9", (16, 9), RENDITION_WIDTHS),  # lead photos and cards
        Crop("1:1", (1, 1), AVATAR_WIDTHS),  # avatars
    )
}
# The crops that move when an editor moves the focal point.
FOCAL_CROPS = tuple(key for key, crop in CROPS.items() if crop.ratio is not None)
FORMATS = (Rendition.Format.WEBP, Rendition.Format.JPEG)


@dataclass(frozen=True)
class PlannedRendition:
    crop: Crop
    width: int
    height: int
    format: str

    @property
    def key(self) -> tuple[str, int, str]:
        return self.crop.key, self.width, self.format


def plan_renditions(image: Image) -> list[PlannedRendition]:
    """Every rendition ``image`` should have, from its stored dimensions alone."""
    width, height = image.width or image.file.width, image.height or image.file.height
    planned = []
    for crop in CROPS.values():
        crop_width, crop_height = crop.size_in(width, height)
        for target in crop.widths_for(math.floor(crop_width)):
            target_height = crop.height_for(target, crop_width, crop_height)
            planned.extend(PlannedRendition(crop, target, target_height, fmt) for fmt in FORMATS)
    return planned


def missing_renditions(image: Image, *, force: bool = False) -> list[PlannedRendition]:
    """What ``build_renditions`` would make; reads prefetched ``renditions`` when there are any."""
    if force:
        return plan_renditions(image)
    made = {(rendition.crop, rendition.width, rendition.format) for rendition in image.renditions.all()}
    return [planned for planned in plan_renditions(image) if planned.key not in made]


def build_renditions(image: Image, *, force: bool = False) -> list[Rendition]:
    """Make the renditions ``image`` lacks (all of them with ``force``) and return them.

    The original is opened and decoded once; slow work, so it belongs after an upload or
    in the ``build_renditions`` command, never in a reader's request. An animation's
    renditions are stills of its first frame; pages show the animation itself only when
    it is kept (``Image.is_animation_kept``).
    """
    if force:
        delete_renditions(image)
    missing = missing_renditions(image)
    made = []
    if missing:
        source = _open_original(image, missing)
        for planned, content in _render(source, image, missing):
            rendition = _store(image, planned, content)
            if rendition is not None:
                made.append(rendition)
    if made or force:
        # Whatever was prefetched is out of date now.
        getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
        index_renditions(image)
    return made


def delete_renditions(image: Image, *, crops: Iterable[str] | None = None) -> int:
    """Remove ``image``'s renditions (of ``crops`` only, if given), e.g. when its photo changes.

    The rows go at once; the files after the transaction commits, so a rollback leaves
    no row pointing at a deleted file.
    """
    renditions = Rendition.objects.filter(image=image)
    if crops is not None:
        renditions = renditions.filter(crop__in=list(crops))
    names = list(renditions.values_list("file", flat=True))
    if not names:
        return 0
    renditions.delete()
    storage = Rendition._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    getattr(image, "_prefetched_objects_cache", {}).pop("renditions", None)
    index_renditions(image)
    return len(names)


def _open_original(image: Image, planned: list[PlannedRendition]) -> PillowImage.Image:
    """The picture to resize, decoded in as little memory as the widest rendition allows.

    An animation gives its first frame. A JPEG is decoded straight at 1/2, 1/4 or 1/8 of
    its size when that is enough, much faster and smaller than decoding it whole; any
    other picture is reduced by a whole factor as soon as it is decoded, and each larger
    copy is let go as soon as the next exists, so a large PNG is never held twice at full
    size. The colours are converted to sRGB (``media.colour``) on the smaller copy.
    """
    with image.file.storage.open(image.file.name, "rb") as handle:
        picture = PillowImage.open(handle)
        # The widest rendition of each crop, as a share of the crop's width.
        scale = max(p.width / p.crop.size_in(picture.width, picture.height)[0] for p in planned)
        if scale < 1:
            picture.draft(None, (math.ceil(picture.width * scale), math.ceil(picture.height * scale)))
        picture.load()
    icc_profile = picture.info.get("icc_profile")
    if picture.mode not in REDUCIBLE_MODES:
        picture = picture.convert(_reducible_mode(picture))
    factor = math.floor(1 / scale) if scale < 1 else 1
    if factor > 1:
        picture = picture.reduce(factor)
    source = to_srgb(picture, icc_profile)
    source.info = {}  # no profile, EXIF or comment is carried into a rendition
    return source


def _reducible_mode(picture: PillowImage.Image) -> str:
    if picture.mode == "1":
        return "L"  # a byte a pixel rather than RGB's three
    return "RGBA" if picture.has_transparency_data else "RGB"


def _render(
    source: PillowImage.Image, image: Image, planned: list[PlannedRendition]
) -> Iterator[tuple[PlannedRendition, bytes]]:
    focal_x = image.focal_point_x if image.focal_point_x is not None else 0.5
    focal_y = image.focal_point_y if image.focal_point_y is not None else 0.5
    encoded: dict[tuple, bytes] = {}
    for crop in [crop for crop in CROPS.values() if any(p.crop == crop for p in planned)]:
        box = crop.box_in(source.width, source.height, focal_x, focal_y)
        # Widest first, each made from the one before: the next is a smaller step from it.
        step_from, step_box = source, box
        for planned_size in sorted({(p.width, p.height) for p in planned if p.crop == crop}, reverse=True):
            resized = step_from.resize(planned_size, PillowImage.Resampling.LANCZOS, step_box, REDUCING_GAP)
            step_from, step_box = resized, None
            for fmt in FORMATS:
                wanted = [p for p in planned if p.key == (crop.key, planned_size[0], fmt)]
                if not wanted:
                    continue
                # A 16:9 photo's 16:9 crop is the photo itself: encode it once.
                memo_key = (tuple(round(edge) for edge in box), planned_size, fmt)
                if memo_key not in encoded:
                    encoded[memo_key] = _encode(resized, fmt)
                yield wanted[0], encoded[memo_key]


def _encode(picture: PillowImage.Image, fmt: str) -> bytes:
    """The rendition's bytes: pixels only, already in sRGB, so no colour profile or EXIF."""
    buffer = io.BytesIO()
    if fmt == Rendition.Format.JPEG:
        if picture.mode == "RGBA":
            flat = PillowImage.new("RGB", picture.size, JPEG_BACKGROUND)
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    else:
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY)
    return buffer.getvalue()


def _store(image: Image, planned: PlannedRendition, content: bytes) -> Rendition | None:
    stem = PurePath(image.file.name).stem
    extension = "jpg" if planned.format == Rendition.Format.JPEG else "webp"
    name = f"{stem}-{planned.crop.key.replace(':', 'x')}-{planned.width}w.{extension}"
    rendition = Rendition(
        image=image, crop=planned.crop.key, width=planned.width, height=planned.height, format=planned.format
    )
    rendition.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Made meanwhile by another build (the command running while an editor uploads): keep that one.
        rendition.file.delete(save=False)
        return None
    return rendition


# The index of what was made. Pages choose renditions from ``Image.rendition_index``,
# a small structured copy of the image's Rendition rows, so a page with sixty photos
# loads sixty image rows and no rendition rows at all.


def index_renditions(image: Image) -> dict:
    """Rewrite ``image.rendition_index`` from its Rendition rows (and mark the image
    changed, so cached cards that show it are remade); returns the new index."""
    index: dict[str, dict[str, list]] = {}
    rows = Rendition.objects.filter(image=image).order_by("crop", "format", "width")
    for pk, crop, fmt, width, height, name in rows.values_list("pk", "crop", "format", "width", "height", "file"):
        index.setdefault(crop, {}).setdefault(fmt, []).append([width, height, name, pk, _stored_size(name)])
    changed_at = timezone.now()
    Image.objects.filter(pk=image.pk).update(rendition_index=index, changed_at=changed_at)
    image.rendition_index, image.changed_at = index, changed_at
    return index


@dataclass(frozen=True)
class MadeRendition:
    """One entry of the index: enough to show it, without loading its row."""

    crop: str
    format: str
    width: int
    height: int
    name: str
    pk: int
    size: int | None  # bytes; None when the file could not be found

    @property
    def url(self) -> str:
        return _storage().url(self.name)


def _storage():
    return Rendition._meta.get_field("file").storage


def _stored_size(name: str) -> int | None:
    try:
        return _storage().size(name)
    except OSError:
        return None


def _renditions_for(image: Image, crop: str, fmt: str) -> list[MadeRendition]:
    if crop not in CROPS:
        raise ValueError(f"Unknown crop {crop!r}; choose one of {', '.join(CROPS)}.")
    index = image.rendition_index or {}
    chosen_crop = crop
    if not index.get(crop, {}).get(fmt) and crop != ORIGINAL.key:
        # Not made yet (a crop added since): the uncropped renditions beat the full original.
        chosen_crop = ORIGINAL.key
    entries = index.get(chosen_crop, {}).get(fmt, [])
    return [MadeRendition(chosen_crop, fmt, *entry) for entry in entries]


def _srcset(renditions: list[MadeRendition]) -> str:
    url = _storage().url
    return ", ".join(f"{url(rendition.name)} {rendition.width}w" for rendition in renditions)


def srcset_for(image: Image, crop: str = ORIGINAL.key, format: str = Rendition.Format.WEBP) -> str:
    """``srcset`` value for ``image``'s renditions of ``crop`` in ``format``; empty if none yet."""
    return _srcset(_renditions_for(image, crop, format))


def picture_for(image: Image, crop: str = ORIGINAL.key) -> dict:
    """What a ``<picture>`` needs: ``src`` (a middle-sized JPEG, for clients without srcset),
    ``webp_srcset``, ``jpeg_srcset``, and the ``width`` and ``height`` of that shape, so the
    browser reserves the space before the file arrives.

    An animation kept as such (``Image.is_animation_kept``), and any image until its
    renditions are made, is the original file with its own dimensions and empty srcsets.
    Reads only the image row (``Image.rendition_index``).
    """
    webp = _renditions_for(image, crop, Rendition.Format.WEBP)
    jpeg = _renditions_for(image, crop, Rendition.Format.JPEG)
    if not jpeg or image.is_animation_kept:
        return {
            "src": image.file.url,
            "webp_srcset": "",
            "jpeg_srcset": "",
            "width": image.width,
            "height": image.height,
        }
    fallback = jpeg[(len(jpeg) - 1) // 2]
    return {
        "src": fallback.url,
        "webp_srcset": _srcset(webp),
        "jpeg_srcset": _srcset(jpeg),
        "width": fallback.width,
        "height": fallback.height,
    }


def closest_rendition(
    image: Image, width: int, *, crop: str = ORIGINAL.key, format: str = Rendition.Format.WEBP
) -> MadeRendition | None:
    """The narrowest rendition at least ``width`` wide (else the widest), or None if none yet."""
    renditions = _renditions_for(image, crop, format)
    wide_enough = [rendition for rendition in renditions if rendition.width >= width]
    if wide_enough:
        return wide_enough[0]
    return renditions[-1] if renditions else None


SHARE_IMAGE_WIDTH = 1200


@dataclass(frozen=True)
class SharedPicture:
    """The picture other sites and feeds are given: ``name`` in storage, ``size`` in bytes
    (None when unknown)."""

    url: str
    name: str
    width: int
    height: int
    size: int | None


def shareable_image(image: Image) -> SharedPicture:
    """A JPEG about 1200 pixels wide for link previews, feeds and search engines (or the original)."""
    chosen = closest_rendition(image, SHARE_IMAGE_WIDTH, format=Rendition.Format.JPEG)
    if chosen is None:
        return SharedPicture(image.file.url, image.file.name, image.width, image.height, _stored_size(image.file.name))
    return SharedPicture(chosen.url, chosen.name, chosen.width, chosen.height, chosen.size)
