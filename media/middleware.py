"""Headers for files served from the uploads folder: never run as a page.

Uploads are photos the library has checked and named by their content, but a file
that slipped in some other way must still never execute: the browser may not sniff
another type, a page there may run nothing, and anything that is not an image is a
download. In production the web server serves ``MEDIA_URL`` itself and should send
the same headers (docs/operations.md); this covers ``make run`` and any deployment
that lets Django serve them.
"""

from django.conf import settings

UPLOAD_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    "Cross-Origin-Resource-Policy": "same-site",
}


class UploadHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.MEDIA_URL):
            for name, value in UPLOAD_HEADERS.items():
                response[name] = value
            if not response.get("Content-Type", "").startswith("image/"):
                response["Content-Disposition"] = "attachment"
        return response
