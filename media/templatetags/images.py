"""``{% picture %}``: a library image as a responsive ``<picture>`` of its renditions."""

from django import template

from media.models import Image
from media.renditions import ORIGINAL, picture_for

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(
    image: Image | None,
    sizes: str = "100vw",
    crop: str = ORIGINAL.key,
    eager: bool = False,
    css_class: str = "",
    alt: str = "",
) -> dict:
    """Render ``image`` with WebP and JPEG srcsets, and its width and height so the page
    does not jump when it loads.

    ``sizes`` tells the browser how wide the image is shown, so it fetches no bigger a
    file than it needs; ``crop`` is a key of ``media.renditions.CROPS``; ``eager`` is for
    the one image a reader sees first (the lead photo): fetched at once and first, where
    every other image waits until it is scrolled near. Prefetch the image's
    ``renditions`` in the view, or each image costs a query.
    """
    if not image:
        return {"image": None}
    return {
        "image": image,
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
        "alt": alt,
        **picture_for(image, crop=crop),
    }
