"""Issue 9, finding 3: a Redis outage broke the front page and every article page.

Fault tests: they stop or freeze a server the test started itself.
"""

import time

import pytest
from django.core.cache import cache

from resilience.testing import forgiving_cache_settings

READER_PAGES = ["/", "/latest/", "/war/", "/tags/drone-production/", "/search/?q=drone"]


@pytest.fixture
def site_on_own_redis(settings, own_redis, newsroom):
    settings.CACHES = forgiving_cache_settings(own_redis.url, retry_after=0.5)
    article = newsroom.publish()[0]
    pages = [*READER_PAGES, article.get_absolute_url()]
    return own_redis, pages


def get_all(client, pages):
    statuses = {}
    for url in pages:
        statuses[url] = client.get(url).status_code
    return statuses


def test_pages_are_served_uncached_when_redis_is_down(client, site_on_own_redis):
    redis, pages = site_on_own_redis
    assert set(get_all(client, pages).values()) == {200}  # caches warm
    redis.stop()
    assert set(get_all(client, pages).values()) == {200}


def test_pages_are_served_quickly_when_redis_hangs(client, site_on_own_redis):
    redis, pages = site_on_own_redis
    get_all(client, pages)
    redis.freeze()
    started = time.monotonic()
    for _ in range(3):
        assert set(get_all(client, pages).values()) == {200}
    # Django's default would wait on the socket for every request; this waits once, briefly.
    assert time.monotonic() - started < 5.0
    redis.thaw()
    time.sleep(0.6)
    cache.set("recovered", True)
    assert cache.get("recovered") is True


def test_editors_can_work_when_redis_is_down(client, editor, site_on_own_redis):
    redis, _pages = site_on_own_redis
    redis.stop()
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/articles/article/").status_code == 200
    assert client.get("/admin/articles/article/add/").status_code == 200
