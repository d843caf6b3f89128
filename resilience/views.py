"""The server-error handler: a database outage is a 503 "back in a moment", not a 500."""

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

# Raised when the database can't be reached, refuses connections, or drops them.
DATABASE_OUTAGE = (OperationalError, InterfaceError)


def is_database_outage(error: BaseException | None) -> bool:
    return isinstance(error, DATABASE_OUTAGE)


def server_error(request, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    """``handler500``: Django's page, unless the error is the database being unavailable."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)


def database_unavailable(request) -> HttpResponse:
    """A styled 503 that needs no database: no session, no user, no sections menu."""
    in_admin = request.path.startswith("/admin/")
    template = "admin/database_unavailable.html" if in_admin else "503.html"
    retry_after = settings.DATABASE_RETRY_AFTER
    body = loader.render_to_string(template, {"retry_after": retry_after, "site_name": settings.SITE_NAME})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
