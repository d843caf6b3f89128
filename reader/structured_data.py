"""Schema.org data for article pages: NewsArticle and BreadcrumbList, as plain dicts.

``site`` is the site's address for the request (``reader.addresses.site_url``).
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from media.renditions import shareable_image

from .addresses import absolute


def logo_src(logo: str = "") -> str:
    """The address of a logo setting (SITE_LOGO by default): an address (absolute, or a
    path from the site root) or a static file."""
    logo = logo or settings.SITE_LOGO
    return logo if logo.startswith(("http://", "https://", "/")) else static(logo)


def logo_url(site: str) -> str:
    return absolute(logo_src(), site)


def image_object(image, site: str, caption: str = "") -> dict:
    source = shareable_image(image)
    credits = {"creditText": image.credit, "copyrightNotice": image.copyright_holder or image.credit}
    return {
        "@type": "ImageObject",
        "url": absolute(source.url, site),
        "width": source.width,
        "height": source.height,
        "caption": caption or image.caption,
    } | {key: value for key, value in credits.items() if value}


def news_article(article, site: str) -> dict:
    url = absolute(article.get_absolute_url(), site)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "description": article.seo_description or article.standfirst,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": (article.updated_at or article.published_at or article.modified_at).isoformat(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {"@type": "Person", "name": byline.author.name, "url": absolute(byline.author.get_absolute_url(), site)}
            for byline in article.bylines.all()
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": site,
            "logo": {"@type": "ImageObject", "url": logo_url(site)},
        },
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    if article.lead_image:
        data["image"] = image_object(article.lead_image, site, article.caption)
    return data


def breadcrumbs(article, site: str) -> dict:
    trail = [
        (settings.SITE_NAME, reverse("reader:home")),
        (article.section.name, article.section.get_absolute_url()),
        (article.headline, article.get_absolute_url()),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": index, "name": name, "item": absolute(url, site)}
            for index, (name, url) in enumerate(trail, start=1)
        ],
    }
