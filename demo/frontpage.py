"""The parts of a demo front page that articles alone do not give: a lead story
and the stories beside it, a week of reads for Most Popular, and the membership promo."""

import random
from datetime import datetime, timedelta

from articles.models import Article, CallToAction, DailyReads

BESIDE_THE_LEAD = 3
POPULAR_CANDIDATES = 60
READ_DAYS = 7


def finish_front_page(*, seed: int, now: datetime) -> None:
    rng = random.Random(f"front-page-{seed}")
    live = Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
    lead = live.filter(is_editors_pick=True).order_by("-published_at").first()
    if lead is not None:
        live.filter(pk=lead.pk).update(lead_position=1)
    beside = (
        live.filter(is_editors_pick=False, lead_position__isnull=True, lead_image__isnull=False)
        .order_by("-published_at")
        .values_list("pk", flat=True)[:BESIDE_THE_LEAD]
    )
    for place, pk in enumerate(list(beside), start=1):
        live.filter(pk=pk).update(beside_lead_position=place)

    recent_ids = list(live.order_by("-published_at").values_list("pk", flat=True)[:POPULAR_CANDIDATES])
    today = now.date()
    DailyReads.objects.bulk_create(
        DailyReads(article_id=pk, day=today - timedelta(days=day), count=rng.randint(1, 400) * (rank % 7 + 1))
        for rank, pk in enumerate(recent_ids)
        for day in range(READ_DAYS)
        if rng.random() < 0.6
    )
    CallToAction.objects.create(
        headline="Become a member – go ad-free",
        text="Independent journalism is paid for by readers. Members read without ads and get our weekly briefing.",
        link_url="https://example.org/membership",
        link_label="Become a member",
        after_paragraph=4,
    )
