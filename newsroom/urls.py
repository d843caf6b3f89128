from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.SITE_NAME} admin"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Newsroom"

# A database outage answers a styled 503 with Retry-After; anything else, the 500 page.
handler500 = "resilience.views.server_error"

urlpatterns = [
    # Before the admin's own URLs, which would otherwise claim the path.
    path("admin/media-library/", include("media.urls")),
    path("admin/", admin.site.urls),
    path("", include("reader.syndication_urls")),
    path("", include("reader.urls")),
]

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
