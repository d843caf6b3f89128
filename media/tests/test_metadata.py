import io

from PIL import Image as PillowImage

from media.metadata import IPTC_BYLINE, IPTC_CAPTION, IPTC_COPYRIGHT, IPTC_CREDIT, read_embedded_metadata

from .factories import jpeg_with_exif, jpeg_with_iptc, photo_bytes


def read(data: bytes):
    with PillowImage.open(io.BytesIO(data)) as picture:
        return read_embedded_metadata(picture)


def test_iptc_caption_byline_credit_and_copyright_are_read():
    data = jpeg_with_iptc(
        {
            IPTC_CAPTION: "The ambassador speaks at a rally in London on Feb. 24.",
            IPTC_BYLINE: "Jane Photographer",
            IPTC_CREDIT: "Agency Images",
            IPTC_COPYRIGHT: "© Agency Images 2026",
        }
    )
    metadata = read(data)
    assert metadata.caption == "The ambassador speaks at a rally in London on Feb. 24."
    assert metadata.credit == "Jane Photographer/Agency Images"
    assert metadata.copyright_holder == "© Agency Images 2026"


def test_exif_is_the_fallback():
    metadata = read(jpeg_with_exif("Sunset over Kyiv", "Oleh Fotograf", "Oleh Fotograf"))
    assert metadata.caption == "Sunset over Kyiv"
    assert metadata.credit == "Oleh Fotograf"
    assert metadata.copyright_holder == "Oleh Fotograf"


def test_a_photo_without_metadata_gives_empty_values():
    metadata = read(photo_bytes(image_format="PNG"))
    assert (metadata.caption, metadata.credit, metadata.copyright_holder) == ("", "", "")


def test_huge_embedded_texts_are_capped_before_they_become_captions():
    """Issue 9, finding 8 (in part): a 10 MB EXIF description became a 10 MB caption."""
    from media.metadata import MAX_CAPTION_LENGTH, MAX_CREDIT_LENGTH

    from .factories import jpeg_with_exif

    # EXIF holds at most 64 kB; an IPTC caption or an XMP packet can hold far more.
    found = read(jpeg_with_exif(description="word " * 10_000, artist="Name " * 600, copyright_notice="C" * 3000))
    assert len(found.caption) <= MAX_CAPTION_LENGTH and found.caption.startswith("word word")
    assert len(found.credit) <= MAX_CREDIT_LENGTH and len(found.copyright_holder) <= MAX_CREDIT_LENGTH
