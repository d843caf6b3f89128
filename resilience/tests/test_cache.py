"""Issue 9, finding 3: with Redis down or hanging, the cache answers "missing" at once instead of failing."""

import logging
import time

import pytest
from django.core.cache import cache

from resilience.testing import forgiving_cache_settings


@pytest.fixture
def redis_cache(settings, own_redis):
    settings.CACHES = forgiving_cache_settings(own_redis.url, retry_after=0.5)
    cache.set("warm", "yes")
    assert cache.get("warm") == "yes"  # really talking to the server
    return own_redis


def test_every_call_answers_as_if_missing_when_redis_is_down(redis_cache):
    redis_cache.stop()
    assert cache.get("warm", "default") == "default"
    assert cache.get_or_set("computed", lambda: 42) == 42
    assert cache.set("key", 1) is None
    assert cache.add("key", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1}) == ["a"]
    assert cache.has_key("warm") is False
    assert cache.delete("warm") is False
    assert cache.incr("counter", 3) == 3
    assert cache.touch("warm") is False


def test_a_hanging_redis_costs_one_short_timeout_then_nothing(redis_cache):
    redis_cache.freeze()
    started = time.monotonic()
    results = [cache.get("warm") for _ in range(50)]
    elapsed = time.monotonic() - started
    assert results == [None] * 50
    # One 0.25 s socket timeout, then the breaker answers without asking Redis (not 50 × 0.25 s).
    assert elapsed < 2.0


def test_the_cache_comes_back_by_itself(redis_cache, caplog):
    caplog.set_level(logging.WARNING, logger="resilience.cache")
    redis_cache.freeze()
    assert cache.get("warm") is None
    redis_cache.thaw()
    assert cache.get("warm") is None  # the breaker still holds Redis off
    time.sleep(0.6)  # RETRY_AFTER
    assert cache.get("warm") == "yes"
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 2
    assert "unavailable" in messages[0] and "is back" in messages[1]


def test_an_outage_is_logged_once_not_per_request(redis_cache, caplog):
    caplog.set_level(logging.WARNING, logger="resilience.cache")
    redis_cache.stop()
    for _ in range(5):
        cache.get("warm")
        time.sleep(0.15)  # the breaker reopens several times over the run
    for _ in range(100):
        cache.get("warm")
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1


def test_one_redis_client_serves_every_call_and_survives_a_restart(redis_cache):
    from django.core.cache import caches

    backend = caches["default"]
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
    redis_cache.stop()
    assert cache.get("warm") is None
    redis_cache.start()
    time.sleep(0.6)  # RETRY_AFTER
    cache.set("after", "restart")
    assert cache.get("after") == "restart"
