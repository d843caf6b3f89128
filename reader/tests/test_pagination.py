import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from articles.models import Article
from articles.selectors.pagination import Cursor, keyset_page
from articles.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_cursor_round_trips_to_the_microsecond():
    moment = datetime.datetime(2026, 2, 25, 10, 30, 1, 123456, tzinfo=datetime.UTC)
    cursor = Cursor(moment, 42)
    assert str(cursor) == "1772015401123456-42"
    assert Cursor.parse(str(cursor)) == cursor
    assert Cursor.parse("") is None and Cursor.parse(None) is None


@pytest.mark.parametrize(
    "value", ["abc", "1-", "-1", "1-2-3", "1.5-2", "9" * 19 + "-1", "999999999999999999-1", "1 -2", "１-２"]
)
def test_malformed_or_out_of_range_cursors_are_404(value):
    with pytest.raises(Http404):
        Cursor.parse(value)


def test_pages_walk_the_archive_without_gaps_or_repeats_even_with_equal_times():
    same_moment = timezone.now() - datetime.timedelta(hours=1)
    for n in range(7):
        ArticleFactory(published_at=same_moment if n % 2 else same_moment - datetime.timedelta(minutes=n))
    seen, cursor = [], None
    while True:
        page = keyset_page(Article.objects.published(), cursor, 3)
        seen += [article.pk for article in page.items]
        if not page.has_next:
            break
        cursor = page.next_cursor
    expected = list(Article.objects.published().order_by("-published_at", "-pk").values_list("pk", flat=True))
    assert seen == expected


def test_a_cursor_past_the_end_is_404():
    article = ArticleFactory()
    with pytest.raises(Http404):
        keyset_page(Article.objects.published(), Cursor.after(article), 10)


@pytest.mark.parametrize("url", ["/latest/?before=nonsense", "/latest/?before=1-1", "/war/?before=%00"])
def test_bad_cursors_in_urls_answer_404(client, url):
    ArticleFactory(section__slug="war", section__name="War")
    assert client.get(url).status_code == 404


def test_show_more_links_lead_through_every_article(client):
    for _ in range(45):
        ArticleFactory()
    url, headlines = "/latest/", set()
    while url:
        response = client.get(url)
        assert response.status_code == 200
        headlines |= {article.headline for article in response.context["page"].items}
        url = response.context["next_url"]
    assert len(headlines) == 45
