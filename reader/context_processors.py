from django.conf import settings

from articles.models import Section
from pages.models import Page

from .addresses import site_url
from .structured_data import logo_src


def site(request):
    """Site name and navigation for every page; the sections and pages queries are lazy."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": site_url(request),
        "SITE_LOGO_URL": logo_src(settings.SITE_MASTHEAD_LOGO),
        "navigation_sections": Section.objects.filter(is_in_navigation=True),
        "footer_pages": Page.objects.in_footer().only("title", "slug"),
    }
