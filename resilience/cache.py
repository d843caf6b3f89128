"""A Redis cache that is only ever an accelerator.

Django's ``RedisCache`` raises when Redis is down (every page that touches the cache
answers 500) and waits out the socket's default timeout when Redis hangs.
``ForgivingRedisCache`` answers every call it cannot complete as if the key were
simply missing — ``get`` gives the default, ``set`` stores nothing — so pages are
served uncached instead.

After one failure it stops asking Redis for ``RETRY_AFTER`` seconds (a circuit
breaker, shared by the threads of a process), so a hanging Redis costs one socket
timeout per few seconds, not one per request. It logs when Redis goes away and
when it is back, not once per request.

Set it up with short socket timeouts::

    "BACKEND": "resilience.cache.ForgivingRedisCache",
    "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25, "RETRY_AFTER": 5},
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("resilience.cache")

# Redis unreachable, refusing connections, or not answering in time.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class Breaker:
    """Whether to try Redis now: closed normally, open for ``retry_after`` s after a failure."""

    def __init__(self, name: str, retry_after: float):
        self.name = name
        self.retry_after = retry_after
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._failures = 0

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until

    def failed(self, error: Exception) -> None:
        with self._lock:
            first = self._failures == 0
            self._failures += 1
            self._open_until = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Cache %s unavailable (%s: %s); serving pages uncached, retrying every %g s",
                self.name,
                type(error).__name__,
                error,
                self.retry_after,
            )

    def succeeded(self) -> None:
        if not self._failures:
            return
        with self._lock:
            failures, self._failures = self._failures, 0
        if failures:
            logger.warning("Cache %s is back after %d failed attempt(s)", self.name, failures)


# One breaker per Redis location and process: cache objects are made per thread.
_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, retry_after: float) -> Breaker:
    with _breakers_lock:
        breaker = _breakers.get(location)
        if breaker is None:
            breaker = _breakers[location] = Breaker(location, retry_after)
        breaker.retry_after = retry_after
        return breaker


def forgiving(fallback):
    """Run the ``RedisCache`` method; when Redis is unavailable, give ``fallback(*args)``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if not self.breaker.allows():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self.breaker.failed(error)
                return fallback(*args, **kwargs)
            self.breaker.succeeded()
            return result

        return wrapper

    return decorate


def _default(key, default=None, version=None):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _all_keys_failed(data, *args, **kwargs):
    return list(data)


def _as_if_new(key, delta=1, version=None):
    # A counter that cannot be kept counts from zero: limits built on it fail open.
    return delta


class ReusedRedisClient(RedisCacheClient):
    """Django's client makes a new ``redis.Redis`` for every call, and building one (its
    table of response callbacks) costs more than the GET it sends. A ``redis.Redis`` on a
    connection pool is safe to share between threads, so one per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedRedisClient
        self.breaker = breaker_for(",".join(self._servers), retry_after)

    get = forgiving(_default)(RedisCache.get)
    get_many = forgiving(_empty)(RedisCache.get_many)
    has_key = forgiving(_false)(RedisCache.has_key)
    add = forgiving(_false)(RedisCache.add)
    set = forgiving(_nothing)(RedisCache.set)
    set_many = forgiving(_all_keys_failed)(RedisCache.set_many)
    touch = forgiving(_false)(RedisCache.touch)
    delete = forgiving(_false)(RedisCache.delete)
    delete_many = forgiving(_nothing)(RedisCache.delete_many)
    incr = forgiving(_as_if_new)(RedisCache.incr)
    clear = forgiving(_false)(RedisCache.clear)
