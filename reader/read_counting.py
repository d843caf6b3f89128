"""Which read beacons count for Most Popular, so that no one client can rig it.

A beacon counts when it comes from this site's own pages (``Sec-Fetch-Site``, or
``Origin`` where a browser sends no fetch metadata), when its client has not
already been counted for that article in the last ``READ_BEACON_WINDOW`` seconds,
and when the client is within its budget of counted reads for that window. A
client sending more than ``READ_BEACON_RATE`` beacons a minute is refused (429).

"A client" is a keyed hash of its address and user agent (the budget and the rate
use the address alone, so a script that varies its user agent gains nothing).
The hash is keyed with a random salt made each day and kept only in the cache, and
the hashes themselves live only in the cache, for the window: nothing about a
reader reaches the database or survives the day. Without a cache to remember
clients, nothing is counted: a gap in Most Popular beats a rigged one.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from accounts.throttling import client_address

SAME_SITE = {"same-origin", "same-site"}


class Verdict(Enum):
    COUNT = "count"  # a new read
    ALREADY_COUNTED = "already counted"  # this client, this article, this window; or over budget
    FOREIGN = "foreign"  # sent from another site, or by something that is not a browser page
    TOO_MANY = "too many"  # over the client's rate: 429


@dataclass(frozen=True)
class Client:
    address_key: str  # the address alone
    client_key: str  # the address and the user agent


def is_same_site(request) -> bool:
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site in SAME_SITE
    origin = request.META.get("HTTP_ORIGIN")
    if not origin:
        return False  # a browser page's POST carries one or the other
    parts = urlsplit(origin)
    return parts.scheme in {"http", "https"} and parts.netloc == request.get_host()


def _todays_salt() -> bytes:
    key = f"reads:salt:{timezone.now().date().isoformat()}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(32), 2 * 24 * 3600)
        salt = cache.get(key)
    return (salt or "").encode()


def identify(request) -> Client | None:
    """The client's keyed hashes, or None when the cache can't keep today's salt."""
    salt = _todays_salt()
    if not salt:
        return None
    address = client_address(request) or ""
    agent = request.META.get("HTTP_USER_AGENT", "")[:512]

    def keyed(*parts: str) -> str:
        return hmac.new(salt, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()[:32]

    return Client(address_key=keyed(address), client_key=keyed(address, agent))


def _within(key: str, limit: int, seconds: int) -> bool:
    """Count one more against ``key`` in a window of ``seconds``; False once past ``limit``."""
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the key expired between the two calls
        return cache.add(key, 1, seconds)


# Clients over their rate this minute, remembered by this process so that a flood is
# refused without asking the cache again. Keys are the salted hashes, values the minute.
_over_rate: dict[str, int] = {}
MAX_REMEMBERED_FLOODS = 10_000


def _over_the_rate(client: Client, minute: int) -> bool:
    if _over_rate.get(client.address_key) == minute:
        return True
    if _within(f"reads:rate:{client.address_key}:{minute}", settings.READ_BEACON_RATE, 120):
        return False
    if len(_over_rate) >= MAX_REMEMBERED_FLOODS:
        _over_rate.clear()
    _over_rate[client.address_key] = minute
    return True


def judge(request, article_id: int) -> Verdict:
    """Whether this beacon counts a read of ``article_id`` (which the caller checks is live)."""
    if not is_same_site(request):
        return Verdict.FOREIGN
    client = identify(request)
    if client is None:
        return Verdict.ALREADY_COUNTED
    minute = int(timezone.now().timestamp() // 60)
    if _over_the_rate(client, minute):
        return Verdict.TOO_MANY
    window = settings.READ_BEACON_WINDOW
    if not cache.add(f"reads:seen:{client.client_key}:{article_id}", 1, window):
        return Verdict.ALREADY_COUNTED
    if not _within(f"reads:budget:{client.address_key}", settings.READ_BEACON_BUDGET, window):
        return Verdict.ALREADY_COUNTED
    return Verdict.COUNT
