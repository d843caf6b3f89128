"""Colours in sRGB, the web's colour space, so a photo needs no colour profile to look right.

A photo's embedded ICC profile says what its pixel values mean. Browsers take a file
without one to be sRGB, so converting the pixels to sRGB once lets the profile go:
renditions never carry one (an agency's 8 MB profile was copied into every one of them),
and an original whose profile is oversized is converted the same way.
"""

import io

from PIL import Image as PillowImage
from PIL import ImageCms

SRGB = ImageCms.createProfile("sRGB")
# The modes littleCMS converts from directly; any other is made RGB(A) first.
PROFILED_MODES = {"RGB", "RGBA", "CMYK", "L"}


def to_srgb(picture: PillowImage.Image, icc_profile: bytes | None) -> PillowImage.Image:
    """``picture`` as RGB (RGBA if it has transparency) in sRGB, converted from ``icc_profile``.

    Without a profile, or with one that cannot be read or does not fit the picture, the
    pixel values are taken to be sRGB already, as a browser would take them.
    """
    mode = "RGBA" if picture.has_transparency_data else "RGB"
    if icc_profile:
        source = picture if picture.mode in PROFILED_MODES else picture.convert(mode)
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            return ImageCms.profileToProfile(source, profile, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            picture = source  # a profile we cannot use: see the docstring
    return picture if picture.mode == mode else picture.convert(mode)
