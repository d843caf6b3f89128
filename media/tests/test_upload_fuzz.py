"""Upload fuzzing (issue 9, findings 15 and 8): whatever bytes arrive on any upload path,
the answer is a form error with nothing stored, or a clean stored image.

"Clean": named by its real type, decoding completely, no heavier in metadata than the
library keeps (``media.processing``), and with renditions that build and carry none.
The files are valid photos cut short, with bytes overwritten, with HTML or script
around or inside them, with dimensions in their headers that do not match their pixels,
and with enormous metadata. The suite runs a few examples of each (Hypothesis profile
"ci", ``media/tests/conftest.py``); ``make fuzz`` runs thousands.
"""

import io
import re
import zlib
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st
from PIL import ExifTags
from PIL import Image as PillowImage
from PIL.PngImagePlugin import PngInfo

from media.processing import MAX_METADATA_BYTES, MAX_ORIGINAL_PROFILE_BYTES
from media.tests.factories import animated_gif, swapped_primaries_profile
from media.tests.uploads import PATHS, upload_through

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

STORED_NAME = re.compile(r"^images/\d{4}/\d{2}/[a-z0-9-]+-[0-9a-f]{12}\.(jpg|png|webp|gif)$")
FORMAT_OF_EXTENSION = {"jpg": {"JPEG", "MPO"}, "png": {"PNG"}, "webp": {"WEBP"}, "gif": {"GIF"}}
SCRIPTS = (
    b"<script>alert(document.cookie)</script>",
    b"<html><body onload=alert(1)>",
    b"<?php system($_GET['c']); ?>",
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
)
MEGABYTE = 1024 * 1024


def _noise(mode: str, size=(48, 32)) -> PillowImage.Image:
    return PillowImage.effect_noise(size, 50).convert(mode)


def _encode(picture: PillowImage.Image, image_format: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


@cache
def seeds() -> dict[str, bytes]:
    """Small, valid files of each accepted kind, for the strategies to spoil."""
    exif = PillowImage.Exif()
    exif[ExifTags.Base.Artist] = "Jane Photographer"
    exif[ExifTags.Base.Orientation] = 6
    text = PngInfo()
    text.add_text("Comment", "From the archive")
    return {
        "photo.jpg": _encode(_noise("RGB"), "JPEG", quality=85, exif=exif),
        "chart.png": _encode(_noise("RGBA"), "PNG", pnginfo=text),
        "photo.webp": _encode(_noise("RGB"), "WEBP", quality=80),
        "loop.gif": animated_gif(3, size=(20, 15)),
    }


seed = st.sampled_from(sorted(seeds().items()))


@st.composite
def truncated(draw) -> tuple[str, bytes]:
    name, data = draw(seed)
    return name, data[: draw(st.integers(0, len(data)))]


@st.composite
def overwritten(draw) -> tuple[str, bytes]:
    name, data = draw(seed)
    spoilt = bytearray(data)
    changes = st.tuples(st.integers(0, len(data) - 1), st.integers(0, 255))
    for position, value in draw(st.lists(changes, min_size=1, max_size=8)):
        spoilt[position] = value
    return name, bytes(spoilt)


@st.composite
def polyglots(draw) -> tuple[str, bytes]:
    """A photo that is also HTML, PHP or SVG, to a browser or a server that sniffs."""
    name, data = draw(seed)
    script = draw(st.sampled_from(SCRIPTS))
    position = draw(st.sampled_from([0, len(data), draw(st.integers(0, len(data)))]))
    return draw(st.sampled_from([name, "x.html", "x.php", "x.svg"])), data[:position] + script + data[position:]


def _with_size_in_header(name: str, data: bytes, width: int, height: int) -> bytes:
    """``data`` claiming to be ``width`` × ``height`` pixels, its pixels unchanged."""
    if name.endswith(".png"):  # IHDR, then its checksum
        header = b"IHDR" + width.to_bytes(4, "big") + height.to_bytes(4, "big") + data[24:29]
        return data[:12] + header + zlib.crc32(header).to_bytes(4, "big") + data[33:]
    width, height = min(width, 65535), min(height, 65535)  # two bytes each in GIF and JPEG
    if name.endswith(".gif"):  # the logical screen
        return data[:6] + width.to_bytes(2, "little") + height.to_bytes(2, "little") + data[10:]
    start = data.find(b"\xff\xc0") + 5  # a baseline JPEG's frame header: height, then width
    return data[:start] + height.to_bytes(2, "big") + width.to_bytes(2, "big") + data[start + 4 :]


@st.composite
def false_dimensions(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(["photo.jpg", "chart.png", "loop.gif"]))
    side = st.integers(0, 100_000)
    return name, _with_size_in_header(name, seeds()[name], draw(side), draw(side))


@st.composite
def heavy_metadata(draw) -> tuple[str, bytes]:
    """A valid photo carrying up to a few megabytes of EXIF, colour profile, XMP or text."""
    image_format = draw(st.sampled_from(["JPEG", "PNG", "WEBP"]))
    kind = draw(st.sampled_from(["exif", "icc", "junk icc", "xmp", "text"]))
    # A JPEG holds at most 64 kB in one segment; only its colour profile may span several.
    most = 60_000 if image_format == "JPEG" and kind != "icc" else 3 * MEGABYTE
    size = draw(st.integers(0, most))
    options = {}
    if kind == "exif":
        exif = PillowImage.Exif()
        exif[ExifTags.Base.ImageDescription] = "caption " * (size // 8)
        options["exif"] = exif
    elif kind == "icc":
        options["icc_profile"] = swapped_primaries_profile(size)
    elif kind == "junk icc":
        options["icc_profile"] = draw(st.binary(min_size=1, max_size=64)) * (size // 64 + 1)
    elif kind == "xmp" and image_format != "PNG":
        options["xmp"] = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + b"x" * size + b"</x:xmpmeta>"
    elif image_format == "PNG":
        text = PngInfo()
        text.add_itxt("XML:com.adobe.xmp" if kind == "xmp" else "Description", "history " * (size // 8))
        options["pnginfo"] = text
    else:
        options["comment"] = b"c" * size
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image_format]
    return f"heavy.{extension}", _encode(_noise("RGB"), image_format, **options)


def stored_files() -> set[Path]:
    folder = Path(settings.MEDIA_ROOT) / "images"
    return set(folder.rglob("*")) if folder.exists() else set()


@pytest.fixture
def upload_and_check(client, admin_user, django_capture_on_commit_callbacks):
    """Upload one sample and assert the outcome is a refusal or a clean image."""
    client.force_login(admin_user)

    def check(path: str, sample: tuple[str, bytes]) -> None:
        name, data = sample
        files_before = stored_files()
        with django_capture_on_commit_callbacks(execute=True):
            outcome = upload_through(client, path, data, name)  # a server error would raise here
        assert outcome.status in (200, 302, 400)
        if outcome.refused:
            assert outcome.error, "refused without saying why"
            assert stored_files() == files_before, "a refused upload left a file behind"
            return
        assert_clean(outcome.image)

    return check


def assert_clean(image) -> None:
    match = STORED_NAME.match(image.file.name)
    assert match, image.file.name
    with image.file.open("rb") as handle, PillowImage.open(io.BytesIO(handle.read())) as stored:
        assert stored.format in FORMAT_OF_EXTENSION[match.group(1)]
        assert (stored.width, stored.height) == (image.width, image.height)
        stored.load()  # completely: a cut-off file raises
        assert len(stored.info.get("icc_profile") or b"") <= MAX_ORIGINAL_PROFILE_BYTES
        if stored.format != "GIF":  # stored as uploaded; no GIF metadata reaches a page
            assert len(stored.info.get("exif") or b"") <= MAX_METADATA_BYTES
            assert len(stored.info.get("xmp") or b"") <= MAX_METADATA_BYTES
    made = list(image.renditions.all())
    assert made, "no renditions were made"
    for rendition in made:
        with rendition.file.open("rb") as handle, PillowImage.open(io.BytesIO(handle.read())) as picture:
            picture.load()
            assert (picture.width, picture.height) == (rendition.width, rendition.height)
            assert "icc_profile" not in picture.info and not picture.getexif()


SAMPLES = {
    "cut off": truncated(),
    "overwritten bytes": overwritten(),
    "also a script": polyglots(),
    "false dimensions": false_dimensions(),
    "huge metadata": heavy_metadata(),
}


@pytest.mark.parametrize("kind", SAMPLES)
@given(data=st.data())
def test_an_odd_upload_is_refused_or_stored_clean(upload_and_check, kind, data):
    upload_and_check(data.draw(st.sampled_from(PATHS), label="path"), data.draw(SAMPLES[kind], label="sample"))
