"""The article list in the admin, quick at a million articles.

Django's changelist counts every matching row for its "N articles" and its page
links, and its date drill-down reads the publication time of every matching row
(``SELECT DISTINCT date_trunc(…)``) to list the years, months or days that have
articles. At a million articles each took seconds. Here:

- ``EstimatedCountPaginator``: on PostgreSQL a list the planner expects to hold
  more than ``EXACT_COUNT_LIMIT`` rows shows the planner's estimate ("about
  1,000,000 articles"), which costs one EXPLAIN; smaller ones are counted, with the
  count itself stopped after ``EXACT_COUNT_LIMIT + 1`` rows, so no count reads the
  whole table. Other databases count as Django does.
- ``date_hierarchy``: the same years, months and days as Django's, found by asking
  for each candidate period whether one matching article lies in it: one query of
  at most 31 index probes (``article_published_at_idx``).
"""

import json
from datetime import date, datetime, timedelta
from functools import cached_property

from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Max, Min, QuerySet
from django.utils import formats, timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

# Up to this many rows a list is counted; beyond, PostgreSQL's estimate is shown.
EXACT_COUNT_LIMIT = 10_000


def planner_estimate(queryset: QuerySet) -> int | None:
    """How many rows PostgreSQL expects ``queryset`` to return (its statistics, refreshed by
    ANALYZE and autovacuum), or None on databases that do not say."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """A paginator whose count of a large list is PostgreSQL's estimate (``is_estimate``)."""

    is_estimate = False

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        estimate = planner_estimate(queryset)
        if estimate is None:
            return super().count
        if estimate > EXACT_COUNT_LIMIT:
            self.is_estimate = True
            return estimate
        counted = queryset.order_by()[: EXACT_COUNT_LIMIT + 1].count()
        if counted > EXACT_COUNT_LIMIT:  # the planner expected fewer: do not count on
            self.is_estimate = True
            return max(estimate, counted)
        return counted

    @property
    def shown_count(self) -> str:
        """The count as the list shows it: "about 1,000,000" for an estimate."""
        shown = number_format(self.count, force_grouping=True)
        return _("about %(count)s") % {"count": shown} if self.is_estimate else str(self.count)


# The date drill-down ------------------------------------------------------------------------


def _local_start(day: date) -> datetime:
    """Midnight starting ``day`` where the newsroom is, as the changelist's own date filter has it."""
    return datetime(day.year, day.month, day.day, tzinfo=timezone.get_current_timezone())


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods_with_rows(queryset: QuerySet, field: str, starts: list[date], end: date) -> list[date]:
    """Those of the periods beginning at ``starts`` (each ending where the next begins, the
    last at ``end``), in local time, in which ``queryset`` has a row: one query, one
    ``EXISTS`` per period, each answered by the first index entry it finds."""
    bounds = [*starts, end]
    parts, params = [], []
    for index, (start, stop) in enumerate(zip(bounds, bounds[1:], strict=False)):
        probe = queryset.filter(**{f"{field}__gte": _local_start(start), f"{field}__lt": _local_start(stop)})
        sql, probe_params = probe.order_by().values("pk")[:1].query.sql_with_params()
        parts.append(f"SELECT {index} WHERE EXISTS ({sql})")
        params.extend(probe_params)
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = {row[0] for row in cursor.fetchall()}
    return [start for index, start in enumerate(starts) if index in found]


def date_hierarchy(cl: ChangeList) -> dict | None:
    """What ``django.contrib.admin.templatetags.admin_list.date_hierarchy`` gives the
    ``admin/date_hierarchy.html`` template, for a datetime field, without reading every row."""
    if not cl.date_hierarchy:
        return None
    field = cl.date_hierarchy
    year_field, month_field, day_field = f"{field}__year", f"{field}__month", f"{field}__day"
    year, month, day = (cl.params.get(name) for name in (year_field, month_field, day_field))

    def link(filters):
        return cl.get_query_string(filters, [f"{field}__"])

    years = []
    if not (year or month or day):
        # As Django does: start at the months of a year, or the days of a month, when that is all there is.
        span = cl.queryset.aggregate(first=Min(field), last=Max(field))
        if span["first"] and span["last"]:
            first, last = timezone.localtime(span["first"]), timezone.localtime(span["last"])
            years = [date(number, 1, 1) for number in range(first.year, last.year + 1)]
            if first.year == last.year:
                year = first.year
                if first.month == last.month:
                    month = first.month
    if year and month and day:
        chosen = date(int(year), int(month), int(day))
        return {
            "show": True,
            "back": {
                "link": link({year_field: year, month_field: month}),
                "title": capfirst(formats.date_format(chosen, "YEAR_MONTH_FORMAT")),
            },
            "choices": [{"title": capfirst(formats.date_format(chosen, "MONTH_DAY_FORMAT"))}],
        }
    if year and month:
        first_day = date(int(year), int(month), 1)
        next_month = _next_month(first_day)
        days = [first_day + timedelta(days=n) for n in range((next_month - first_day).days)]
        return {
            "show": True,
            "back": {"link": link({year_field: year}), "title": str(year)},
            "choices": [
                {
                    "link": link({year_field: year, month_field: month, day_field: found.day}),
                    "title": capfirst(formats.date_format(found, "MONTH_DAY_FORMAT")),
                }
                for found in periods_with_rows(cl.queryset, field, days, next_month)
            ],
        }
    if year:
        months = [date(int(year), number, 1) for number in range(1, 13)]
        return {
            "show": True,
            "back": {"link": link({}), "title": _("All dates")},
            "choices": [
                {
                    "link": link({year_field: year, month_field: found.month}),
                    "title": capfirst(formats.date_format(found, "YEAR_MONTH_FORMAT")),
                }
                for found in periods_with_rows(cl.queryset, field, months, date(int(year) + 1, 1, 1))
            ],
        }
    found_years = periods_with_rows(cl.queryset, field, years, date(years[-1].year + 1, 1, 1)) if years else []
    return {
        "show": True,
        "back": None,
        "choices": [{"link": link({year_field: str(found.year)}), "title": str(found.year)} for found in found_years],
    }
