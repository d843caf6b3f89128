"""The project's URLs, plus uploads served by Django as ``make run`` does (DEBUG)."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path

urlpatterns = [
    *static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT),
    path("", include(settings.ROOT_URLCONF)),
]
