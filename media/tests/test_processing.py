import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, ImageCms
from PIL import Image as PillowImage

from media.processing import normalise_photo

from .factories import photo_bytes

ORIENTATION = ExifTags.Base.Orientation
GPS_IFD = ExifTags.IFD.GPSInfo
RED, BLUE = (220, 20, 20), (20, 20, 220)
GPS_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="50,27.0N" '
    b'exif:GPSLongitude="30,31.0E"/></rdf:RDF></x:xmpmeta>'
)


def red_left_blue_right(width: int = 60, height: int = 40, mode: str = "RGB") -> PillowImage.Image:
    picture = PillowImage.new(mode, (width, height), BLUE)
    picture.paste(RED, (0, 0, width // 2, height))
    return picture


def encode(picture: PillowImage.Image, image_format: str = "JPEG", **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, image_format, **options)
    return buffer.getvalue()


def exif_with(orientation: int | None = None, gps: bool = False, **fields) -> PillowImage.Exif:
    exif = PillowImage.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    for name, value in fields.items():
        exif[ExifTags.Base[name]] = value
    if gps:
        location = exif.get_ifd(GPS_IFD)
        location[ExifTags.GPS.GPSLatitudeRef] = "N"
        location[ExifTags.GPS.GPSLatitude] = (50.0, 27.0, 0.0)
        location[ExifTags.GPS.GPSLongitudeRef] = "E"
        location[ExifTags.GPS.GPSLongitude] = (30.0, 31.0, 0.0)
    return exif


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def stored(data: bytes, name: str = "photo.jpg") -> ContentFile:
    return normalise_photo(upload(data, name))


def open_stored(result: ContentFile) -> PillowImage.Image:
    result.seek(0)
    return PillowImage.open(io.BytesIO(result.read()))


def is_reddish(pixel) -> bool:
    return pixel[0] > 150 and pixel[2] < 100


def is_bluish(pixel) -> bool:
    return pixel[2] > 150 and pixel[0] < 100


def test_a_sideways_photo_is_turned_upright_and_loses_its_orientation_tag():
    data = encode(red_left_blue_right(), exif=exif_with(orientation=6, Artist="Jane Photographer"))

    with open_stored(stored(data)) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (40, 60)
        assert picture.getexif().get(ORIENTATION, 1) == 1
        assert picture.getexif()[ExifTags.Base.Artist] == "Jane Photographer"
        # Orientation 6 means "turn 90° clockwise to view": the left (red) half ends on top.
        rgb = picture.convert("RGB")
        assert is_reddish(rgb.getpixel((20, 5)))
        assert is_bluish(rgb.getpixel((20, 55)))


@pytest.mark.parametrize(
    ("orientation", "size"),
    [(2, (60, 40)), (3, (60, 40)), (4, (60, 40)), (5, (40, 60)), (7, (40, 60)), (8, (40, 60))],
)
def test_every_rotation_and_mirroring_is_applied(orientation, size):
    with open_stored(stored(encode(red_left_blue_right(), exif=exif_with(orientation=orientation)))) as picture:
        assert picture.size == size
        assert ORIENTATION not in picture.getexif()


def test_location_is_removed_and_the_other_exif_kept():
    exif = exif_with(
        gps=True,
        Artist="Jane Photographer",
        Copyright="Agency Images",
        ImageDescription="Protesters gather at the square.",
        DateTime="2025:05:01 09:30:00",
    )
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2025:05:01 09:29:58"
    data = encode(red_left_blue_right(), exif=exif)

    with open_stored(stored(data)) as picture:
        kept = picture.getexif()
        assert picture.size == (60, 40)
        assert GPS_IFD not in kept
        assert kept.get_ifd(GPS_IFD) == {}
        assert kept[ExifTags.Base.Artist] == "Jane Photographer"
        assert kept[ExifTags.Base.Copyright] == "Agency Images"
        assert kept[ExifTags.Base.ImageDescription] == "Protesters gather at the square."
        assert kept[ExifTags.Base.DateTime] == "2025:05:01 09:30:00"
        assert kept.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] == "2025:05:01 09:29:58"


def test_the_colour_profile_survives_a_rewrite():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(red_left_blue_right(), exif=exif_with(orientation=6), icc_profile=profile)

    with open_stored(stored(data)) as picture:
        assert picture.info["icc_profile"] == profile


def test_xmp_giving_a_location_is_dropped():
    data = encode(red_left_blue_right(), xmp=GPS_XMP)

    with open_stored(stored(data)) as picture:
        assert b"GPSLatitude" not in (picture.info.get("xmp") or b"")


def test_harmless_xmp_survives_a_rewrite():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>Square</dc:title></x:xmpmeta>'
    data = encode(red_left_blue_right(), exif=exif_with(orientation=3), xmp=xmp)

    with open_stored(stored(data)) as picture:
        assert picture.info["xmp"] == xmp


@pytest.mark.parametrize(
    "data",
    [
        photo_bytes(),
        photo_bytes(quality=60),
        encode(red_left_blue_right(), exif=exif_with(orientation=1, Artist="Jane Photographer")),
        photo_bytes(image_format="PNG"),
        photo_bytes(image_format="WEBP"),
        photo_bytes(image_format="GIF"),
    ],
    ids=["jpeg", "low-quality-jpeg", "upright-jpeg-with-exif", "png", "webp", "gif"],
)
def test_photos_needing_no_change_are_stored_byte_for_byte(data):
    assert stored(data).read() == data


def test_an_animated_gif_is_stored_byte_for_byte():
    frames = [PillowImage.new("RGB", (30, 20), color) for color in (RED, BLUE, (20, 200, 20))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0)

    result = stored(data, "loop.gif")

    assert result.read() == data
    with open_stored(result) as picture:
        assert picture.n_frames == 3


def test_the_stored_file_keeps_the_upload_name_and_the_upload_is_rewound():
    photo = upload(encode(red_left_blue_right(), exif=exif_with(orientation=6)), "Sideways Shot.JPG")
    photo.read(10)

    result = normalise_photo(photo)

    assert isinstance(result, ContentFile)
    assert result.name == "Sideways Shot.JPG"
    assert photo.tell() == 0
    assert normalise_photo(upload(photo_bytes(), "plain.jpeg")).name == "plain.jpeg"


def test_a_sideways_webp_stays_webp_and_lossless_stays_lossless():
    for lossless in (False, True):
        data = encode(red_left_blue_right(), "WEBP", lossless=lossless, exif=exif_with(orientation=6, gps=True))

        result = stored(data, "photo.webp")

        with open_stored(result) as picture:
            assert picture.format == "WEBP"
            assert picture.size == (40, 60)
            assert ORIENTATION not in picture.getexif()
            assert GPS_IFD not in picture.getexif()
        result.seek(0)
        assert (b"VP8L" in result.read()) is lossless


def test_a_png_with_location_stays_png_keeping_its_text_and_transparency():
    data = encode(
        red_left_blue_right(mode="RGBA"),
        "PNG",
        exif=exif_with(orientation=8, gps=True, Artist="Jane Photographer"),
        pnginfo=png_text(Comment="From the archive"),
    )

    with open_stored(stored(data, "chart.png")) as picture:
        assert picture.format == "PNG"
        assert picture.mode == "RGBA"
        assert picture.size == (40, 60)
        assert picture.text["Comment"] == "From the archive"
        assert GPS_IFD not in picture.getexif()
        assert picture.getexif()[ExifTags.Base.Artist] == "Jane Photographer"


def test_an_animated_webp_with_location_keeps_its_frames_and_timing():
    frames = [red_left_blue_right(), PillowImage.new("RGB", (60, 40), BLUE), PillowImage.new("RGB", (60, 40), RED)]
    data = encode(
        frames[0],
        "WEBP",
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        loop=2,
        exif=exif_with(gps=True),
    )

    with open_stored(stored(data, "loop.webp")) as picture:
        assert picture.n_frames == 3
        assert picture.info["loop"] == 2
        assert GPS_IFD not in picture.getexif()
        durations = []
        for index in range(3):
            picture.seek(index)
            picture.load()
            durations.append(picture.info["duration"])
        assert durations == [100, 200, 300]


def png_text(**chunks: str):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    for key, value in chunks.items():
        info.add_text(key, value)
    return info
