import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from media.models import Image


def photo_bytes(
    width: int = 64, height: int = 48, image_format: str = "JPEG", color=(40, 90, 160), **save_options
) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, image_format, **save_options)
    return buffer.getvalue()


def photo_upload(name: str = "photo.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, photo_bytes(**kwargs), content_type="image/jpeg")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyFunction(photo_upload)
    alt_text = factory.Sequence(lambda n: f"A street in the rain, view {n}")
    caption = factory.Sequence(lambda n: f"People cross a street in the rain on day {n}.")
    credit = "Jane Photographer/Agency Images"


def jpeg_with_iptc(fields: dict[tuple[int, int], str], **kwargs) -> bytes:
    """A JPEG carrying an IPTC block, as agency photos do (Pillow cannot write one)."""
    iptc = b"".join(
        b"\x1c" + bytes(key) + len(value.encode()).to_bytes(2, "big") + value.encode() for key, value in fields.items()
    )
    if len(iptc) % 2:
        iptc += b"\x00"
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iptc).to_bytes(4, "big") + iptc
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    jpeg = photo_bytes(**kwargs)
    return jpeg[:2] + segment + jpeg[2:]


def jpeg_with_exif(description: str = "", artist: str = "", copyright_notice: str = "") -> bytes:
    exif = PillowImage.Exif()
    exif[0x010E] = description
    exif[0x013B] = artist
    exif[0x8298] = copyright_notice
    return photo_bytes(exif=exif)
