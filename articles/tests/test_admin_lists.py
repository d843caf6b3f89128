"""Issue 11: the article list stays quick at a million articles.

Django's changelist counted every matching article and its date drill-down read the
publication time of every one; each took seconds at a million. The list now shows
PostgreSQL's estimate for a large count and finds the drill-down's years, months and
days by probing the index, and what the editor reads stays the same.
"""

import re
from datetime import datetime

import pytest
from django.contrib.admin.templatetags.admin_list import date_hierarchy as djangos_date_hierarchy
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import admin_lists
from articles.admin_lists import date_hierarchy

from .factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

on_postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimates")

CHANGELIST = reverse("admin:articles_article_changelist")


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=timezone.get_current_timezone())


def analyze() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")


def changelist(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CHANGELIST, params)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries]


def article_counts(queries: list[str]) -> list[str]:
    return [sql for sql in queries if re.match(r"SELECT COUNT\(\*\)", sql) and '"articles_article"' in sql]


@pytest.fixture
def small_limit(monkeypatch):
    """Five articles stand in for a million: past three, a list is 'large'."""
    monkeypatch.setattr(admin_lists, "EXACT_COUNT_LIMIT", 3)


@on_postgresql_only
def test_a_large_list_shows_postgresqls_estimate_and_counts_nothing(superuser_client, small_limit):
    ArticleFactory.create_batch(5)
    analyze()
    response, queries = changelist(superuser_client)
    html = response.content.decode()
    assert response.context["cl"].paginator.is_estimate
    assert "about 5 articles" in html
    assert article_counts(queries) == []
    assert any(sql.startswith("EXPLAIN (FORMAT JSON)") for sql in queries)


@on_postgresql_only
def test_a_small_list_is_counted_but_never_past_the_limit(superuser_client, small_limit):
    ArticleFactory.create_batch(4, draft=True)
    ArticleFactory.create_batch(2)
    analyze()
    response, queries = changelist(superuser_client, status__exact="published")
    assert not response.context["cl"].paginator.is_estimate
    assert "2 articles" in response.content.decode()
    [count] = article_counts(queries)
    assert "LIMIT 4" in count


def test_without_estimates_the_list_is_counted_as_before(superuser_client, monkeypatch):
    monkeypatch.setattr(admin_lists, "planner_estimate", lambda queryset: None)
    ArticleFactory.create_batch(3)
    response, _queries = changelist(superuser_client)
    assert not response.context["cl"].paginator.is_estimate
    assert "3 articles" in response.content.decode()


@pytest.fixture
def spread_over_two_years():
    section = SectionFactory()
    for moment in [local(2024, 11, 3, 10), local(2025, 2, 1, 0, 30), local(2025, 2, 14, 9), local(2025, 7, 9, 23, 59)]:
        ArticleFactory(section=section, published_at=moment)
    ArticleFactory(section=section, draft=True)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"published_at__year": "2025"},
        {"published_at__year": "2025", "published_at__month": "2"},
        {"published_at__year": "2025", "published_at__month": "2", "published_at__day": "14"},
        {"published_at__year": "2024", "status__exact": "published"},
    ],
)
def test_the_drill_down_offers_what_djangos_offered_without_reading_every_row(
    superuser_client, spread_over_two_years, params
):
    response, queries = changelist(superuser_client, **params)
    cl = response.context["cl"]
    assert date_hierarchy(cl) == djangos_date_hierarchy(cl)
    assert not [sql for sql in queries if "DISTINCT" in sql and "articles_article" in sql]


def test_the_drill_down_starts_at_the_months_when_every_article_is_of_one_year(superuser_client):
    ArticleFactory(published_at=local(2025, 3, 1, 12))
    ArticleFactory(published_at=local(2025, 5, 1, 12))
    response, _queries = changelist(superuser_client)
    choices = date_hierarchy(response.context["cl"])["choices"]
    assert [choice["title"] for choice in choices] == ["March 2025", "May 2025"]
    assert date_hierarchy(response.context["cl"]) == djangos_date_hierarchy(response.context["cl"])


def test_the_drill_down_links_lead_to_the_chosen_day(superuser_client, spread_over_two_years):
    response, _queries = changelist(superuser_client, published_at__year="2025", published_at__month="2")
    links = [choice["link"] for choice in date_hierarchy(response.context["cl"])["choices"]]
    assert [re.search(r"published_at__day=(\d+)", link).group(1) for link in links] == ["1", "14"]
    response, _queries = changelist(
        superuser_client, published_at__year="2025", published_at__month="2", published_at__day="1"
    )
    assert [article.published_at for article in response.context["cl"].result_list] == [local(2025, 2, 1, 0, 30)]
