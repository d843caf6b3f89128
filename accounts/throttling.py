"""Login throttling: how django-axes tells clients apart, when it locks, and what it answers.

Axes counts failed sign-ins per username and address (``AXES_LOCKOUT_PARAMETERS``)
and locks that pair after ``AXES_FAILURE_LIMIT`` failures. Locking the pair rather
than the account means a stranger guessing a reporter's password locks only
themselves: the reporter, from their own address, signs in as usual. On its own
that would let one client try a few passwords on every username, so the handler
adds a second, higher limit: ``LOGIN_FAILURES_PER_ADDRESS`` failures from one
address, whatever the usernames, lock that address for everyone.

Both limits count the failures of the last ``AXES_COOLOFF_TIME``; the lockout page
says until when, and whom to ask for an earlier end.
"""

import datetime
import ipaddress
import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address (``AXES_CLIENT_IP_CALLABLE``).

    ``REMOTE_ADDR`` unless ``TRUSTED_PROXY_COUNT`` proxies of our own stand in
    front: each appends the address it was reached from to X-Forwarded-For, so the
    client is the entry that many places from the end, and whatever the client wrote
    further left is ignored. A header too short or malformed for that is not trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies:
            try:
                return str(ipaddress.ip_address(forwarded[-proxies]))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR")


def _recent_attempts(request: HttpRequest):
    """This address's failures of the cool-off period (axes keeps one row per username and browser)."""
    return AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
    )


def _failures_and_last(attempts) -> tuple[int, datetime.datetime | None]:
    totals = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    return totals["failures"] or 0, totals["last"]


class PairAndAddressHandler(AxesDatabaseHandler):
    """Axes's database handler (lockouts survive a cache outage) with the per-address limit."""

    def get_failures(self, request, credentials=None) -> int:
        # Axes compares this one number with AXES_FAILURE_LIMIT, both before it lets a
        # sign-in through and after a failure: an address over its own limit counts as
        # the pair's limit reached, for every username.
        failures = super().get_failures(request, credentials)
        address_failures, _last = _failures_and_last(_recent_attempts(request))
        if address_failures >= settings.LOGIN_FAILURES_PER_ADDRESS:
            return max(failures, get_failure_limit(request, credentials))
        return failures


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The admin's sign-in page saying why it refuses and until when (``AXES_LOCKOUT_CALLABLE``)."""
    username = get_client_username(request, credentials) or ""
    attempts = _recent_attempts(request)
    pair_failures, pair_last = _failures_and_last(attempts.filter(username=username))
    is_pair = pair_failures >= get_failure_limit(request, credentials)
    _failures, address_last = _failures_and_last(attempts)
    last = (pair_last if is_pair else address_last) or timezone.now()
    # Still locked at the very moment the cool-off ends: name the next whole minute.
    until = (last + get_cool_off(request) + datetime.timedelta(minutes=1)).replace(second=0, microsecond=0)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in paused"),
        "username": username,
        "is_pair": is_pair,
        "until": until,
    }
    response = render(request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    response["Retry-After"] = str(math.ceil((until - timezone.now()).total_seconds()))
    return response
