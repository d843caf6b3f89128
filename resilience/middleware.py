"""A client that is not signed in may not send much: the sign-in form, a read beacon.

Django parses a form body of up to ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (large, for the
editors' article forms) for anyone. ``AnonymousBodyLimitMiddleware`` refuses a body
larger than ``ANONYMOUS_MAX_BODY`` bytes, with 413 and before reading it, unless the
request comes from a signed-in user. A body of unknown length (chunked) from an
anonymous client is refused the same way.
"""

from django.conf import settings
from django.http import HttpResponse

from richtext.parsing import whole_number

# Any declared length past this is not worth reading, whoever sends it.
LARGEST_BODY = 10**12


class AnonymousBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # None when the length is not a plain number: refused like a large body.
        length = whole_number(request.META.get("CONTENT_LENGTH") or "0", at_most=LARGEST_BODY)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        too_big = length is None or length > settings.ANONYMOUS_MAX_BODY or chunked
        if too_big and not request.user.is_authenticated:
            response = HttpResponse("Request body too large.\n", status=413, content_type="text/plain; charset=utf-8")
            response["Connection"] = "close"  # the unread body is not worth waiting for
            return response
        return self.get_response(request)
