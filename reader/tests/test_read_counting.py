"""Issue 9, finding 4: one anonymous client could rig Most Popular with beacon POSTs."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from articles.models import DailyReads
from articles.selectors.popular import compute_most_popular_ids
from reader.views import read_beacon

PAGE = {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux) Chrome/140"}


def cache_keys() -> list[str]:
    """Every key in the cache in use: local memory in the suite on SQLite, Redis on PostgreSQL."""
    store = cache._cache
    if isinstance(store, dict):
        return [str(key) for key in store]
    return [key.decode() for key in store.get_client().keys("*")]


def reads_of(article) -> int:
    return sum(DailyReads.objects.filter(article=article).values_list("count", flat=True))


def beacon(client, article, address="198.51.100.7", **headers):
    url = reverse("reader:read-beacon", args=[article.pk])
    return client.post(url, REMOTE_ADDR=address, **{**PAGE, **headers})


def test_ten_thousand_beacons_from_one_client_count_as_one_reader(client, newsroom):
    oldest, popular = newsroom.publish(2)
    for n in range(20):  # twenty honest readers of today's story
        assert beacon(client, popular, address=f"203.0.113.{n}").status_code == 204
    # Straight to the view (the middleware is the same for every one of them): quicker.
    url = reverse("reader:read-beacon", args=[oldest.pk])
    requests = RequestFactory(REMOTE_ADDR="198.51.100.7", **PAGE)
    statuses = {read_beacon(requests.post(url), oldest.pk).status_code for _ in range(10_000)}
    assert statuses == {204, 429}
    assert reads_of(oldest) == 1  # what one honest reader does
    assert compute_most_popular_ids()[0] == popular.pk


def test_a_client_varying_its_user_agent_stays_within_a_budget(client, newsroom, settings):
    settings.READ_BEACON_RATE = 10_000  # the budget, not the rate limit, is under test
    [article] = newsroom.publish(1)
    for n in range(150):  # well past the budget of 60
        beacon(client, article, HTTP_USER_AGENT=f"Bot/{n}")
    assert reads_of(article) == settings.READ_BEACON_BUDGET


def test_readers_behind_one_address_each_count(client, newsroom):
    """An office or a mobile carrier: one address, several browsers."""
    [article] = newsroom.publish(1)
    for agent in ["Firefox/130", "Safari/18", "Chrome/140"]:
        assert beacon(client, article, HTTP_USER_AGENT=agent).status_code == 204
    assert reads_of(article) == 3


def test_a_flood_is_refused_with_429(client, newsroom, settings):
    [article] = newsroom.publish(1)
    statuses = [beacon(client, article).status_code for _ in range(settings.READ_BEACON_RATE + 5)]
    assert statuses[: settings.READ_BEACON_RATE] == [204] * settings.READ_BEACON_RATE
    assert set(statuses[settings.READ_BEACON_RATE :]) == {429}


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},  # another website making its visitors vote
        {"HTTP_SEC_FETCH_SITE": "none"},  # typed or bookmarked, not sent by a page
        {"HTTP_SEC_FETCH_SITE": None, "HTTP_ORIGIN": "https://rigging.example"},
        {"HTTP_SEC_FETCH_SITE": None},  # a script sending neither
    ],
)
def test_beacons_from_other_sites_are_refused(client, newsroom, headers):
    [article] = newsroom.publish(1)
    sent = {**PAGE, **headers}
    response = client.post(
        reverse("reader:read-beacon", args=[article.pk]), **{k: v for k, v in sent.items() if v is not None}
    )
    assert response.status_code == 403
    assert reads_of(article) == 0


def test_an_older_browser_without_fetch_metadata_counts_by_its_origin(client, newsroom):
    [article] = newsroom.publish(1)
    url = reverse("reader:read-beacon", args=[article.pk])
    response = client.post(url, HTTP_ORIGIN="http://testserver", HTTP_USER_AGENT="Safari/15")
    assert response.status_code == 204 and reads_of(article) == 1


def test_nothing_about_the_reader_is_stored_outside_the_cache(client, newsroom):
    [article] = newsroom.publish(1)
    response = beacon(client, article, address="192.0.2.44")
    assert response.status_code == 204 and "Set-Cookie" not in response.headers
    assert list(DailyReads.objects.values_list("count", flat=True)) == [1]
    keys = cache_keys()
    assert any(":seen:" in key for key in keys)  # the reader is remembered, in the cache
    assert not [key for key in keys if "192.0.2.44" in key]  # by a hash, not the address


def test_without_a_cache_to_remember_readers_nothing_is_counted(client, newsroom, monkeypatch):
    [article] = newsroom.publish(1)
    monkeypatch.setattr("reader.read_counting.cache.get", lambda *args, **kwargs: None)
    monkeypatch.setattr("reader.read_counting.cache.add", lambda *args, **kwargs: False)
    assert beacon(client, article).status_code == 204
    assert reads_of(article) == 0


def test_a_reader_behind_the_sites_proxy_is_told_apart_by_x_forwarded_for(client, newsroom, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    [article] = newsroom.publish(1)
    for n in range(3):  # three readers; the proxy's own address is the same for all
        beacon(client, article, address="10.0.0.2", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    beacon(client, article, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.0")  # the first again
    assert reads_of(article) == 3
