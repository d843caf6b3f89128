"""Most Popular: reads counted per article per day (``services.count_read``), summed over the last week.

The list is computed at most once every few minutes and kept in the cache as a
list of ids; pages then load those articles by primary key.
"""

import datetime

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone

from ..models import Article, DailyReads

POPULAR_WINDOW_DAYS = 7
POPULAR_CACHE_KEY = "articles:most-popular:v1"
POPULAR_CACHE_SECONDS = 300
POPULAR_SIZE = 10


def compute_most_popular_ids(limit: int = POPULAR_SIZE) -> list[int]:
    since = timezone.now().date() - datetime.timedelta(days=POPULAR_WINDOW_DAYS - 1)
    live = Article.objects.published().values("pk")
    return list(
        DailyReads.objects.filter(day__gte=since, article__in=live)
        .values("article")
        .annotate(reads=Sum("count"))
        .order_by("-reads", "-article")
        .values_list("article", flat=True)[:limit]
    )


def most_popular_ids() -> list[int]:
    return cache.get_or_set(POPULAR_CACHE_KEY, compute_most_popular_ids, POPULAR_CACHE_SECONDS)
