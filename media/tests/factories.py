import io
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from PIL import ImageCms

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


def truncated_jpeg(width: int = 320, height: int = 240, keep: float = 0.6) -> bytes:
    """A JPEG cut off part way, as a failed copy or upload leaves it (noise, so every byte counts)."""
    buffer = io.BytesIO()
    PillowImage.effect_noise((width, height), 64).convert("RGB").save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    return data[: int(len(data) * keep)]


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")


def png_bomb(width: int, height: int) -> bytes:
    """A one-colour, one-bit PNG: a few kilobytes that decode to ``width`` × ``height`` pixels.

    Written row by row, so building it never holds the pixels the file stands for.
    """
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])  # 1 bit, grey
    row = bytes(1 + (width + 7) // 8)  # the filter byte, then the row's bits
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def animated_gif(frames: int = 300, size: tuple[int, int] = (16, 12)) -> bytes:
    """A GIF of ``frames`` frames, each a different colour; the first is red.

    Drawn in palette colours, so saving it needs no colour reduction and stays quick.
    """
    palette = [channel for index in range(256) for channel in (220, (index * 7) % 200, (index * 13) % 200)]
    pictures = []
    for index in range(frames):
        picture = PillowImage.new("P", size, index % 256)
        picture.putpalette(palette)
        pictures.append(picture)
    buffer = io.BytesIO()
    pictures[0].save(buffer, "GIF", save_all=True, append_images=pictures[1:], duration=40, loop=0)
    return buffer.getvalue()


def swapped_primaries_profile(size: int = 0) -> bytes:
    """A valid ICC profile whose red is sRGB's blue and the other way round, padded to ``size`` bytes.

    Pixels that are red in a photo carrying it are blue once converted to sRGB, so a test
    sees whether the colours were converted or the profile merely dropped.
    """
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    # The tag table: a count, then each tag's signature, offset and size in 12 bytes.
    where = {}
    for index in range(int.from_bytes(profile[128:132], "big")):
        start = 132 + 12 * index
        where[bytes(profile[start : start + 4])] = slice(start + 4, start + 12)
    red, blue = where[b"rXYZ"], where[b"bXYZ"]
    profile[red], profile[blue] = profile[blue], profile[red]
    profile += bytes(max(0, size - len(profile)))
    profile[0:4] = len(profile).to_bytes(4, "big")
    return bytes(profile)
