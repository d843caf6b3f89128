"""When each demo article was written, published and touched, and in what state it is.

Articles come out oldest first, published ones before the rest, so database ids
grow with publication time as they would in a real newsroom, and "Read also"
links can always point back at articles that already have an id.

Every time is an offset from one ``now`` captured by the caller, so the same seed
gives the same schedule relative to whenever it runs.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from articles.models import Article

MIN_SPAN = timedelta(days=60)
MAX_SPAN = timedelta(days=3 * 365)
ARTICLES_PER_DAY = 90
UPDATED_SHARE = 0.05
EDITORS_PICKS = 6

# The most of each unfinished state a demo gets, however many articles it has.
MAX_DRAFTS = 50
MAX_IN_REVIEW = 20
MAX_SCHEDULED = 10


@dataclass(frozen=True)
class Slot:
    status: str
    created_at: datetime
    published_at: datetime | None = None
    updated_at: datetime | None = None
    is_scheduled: bool = False

    @property
    def is_live(self) -> bool:
        return self.status == Article.Status.PUBLISHED and not self.is_scheduled

    @property
    def first_published_at(self) -> datetime | None:
        """What ``Article.save()`` would record: the publication time, even a scheduled one."""
        return self.published_at if self.status == Article.Status.PUBLISHED else None

    @property
    def modified_at(self) -> datetime:
        """The last edit: the update or publication of a live article, else its creation."""
        if self.is_live:
            return self.updated_at or self.published_at
        return self.created_at


def seconds(value: float) -> timedelta:
    return timedelta(seconds=round(value))


def unfinished_counts(count: int) -> dict[str, int]:
    """How many drafts, articles in review and scheduled ones; at most a third of a small demo."""
    wanted = {
        Article.Status.DRAFT: min(MAX_DRAFTS, max(2, count // 40)),
        "scheduled": min(MAX_SCHEDULED, max(1, count // 100)),
        Article.Status.IN_REVIEW: min(MAX_IN_REVIEW, max(1, count // 100)),
    }
    counts = dict.fromkeys(wanted, 0)
    budget = count // 3
    while budget and any(counts[state] < wanted[state] for state in wanted):
        for state in wanted:
            if budget and counts[state] < wanted[state]:
                counts[state] += 1
                budget -= 1
    return counts


def plan_timeline(rng: random.Random, count: int, now: datetime) -> list[Slot]:
    """``count`` slots: live articles oldest first, the newest a few hours old, then the unfinished."""
    unfinished = unfinished_counts(count)
    live_count = count - sum(unfinished.values())
    span = min(MAX_SPAN, max(MIN_SPAN, timedelta(days=live_count / ARTICLES_PER_DAY)))
    newest_age = seconds(rng.uniform(10 * 60, 3 * 3600))
    step = (span - newest_age) / max(1, live_count)
    updated = set(rng.sample(range(live_count), min(live_count, max(2, round(live_count * UPDATED_SHARE)))))
    slots = []
    for index in range(live_count):
        # Evenly spread with jitter inside each step keeps the order and needs no sort.
        position = index + (1.0 if index == live_count - 1 else rng.random())
        published_at = now - newest_age - step * (live_count - position)
        published_at = published_at.replace(microsecond=0)
        created_at = published_at - seconds(rng.uniform(15 * 60, 36 * 3600))
        updated_at = None
        if index in updated:
            updated_at = min(now, published_at + seconds(rng.uniform(20 * 60, 30 * 3600)))
        slots.append(Slot(Article.Status.PUBLISHED, created_at, published_at, updated_at))
    for _ in range(unfinished["scheduled"]):
        created_at = now - seconds(rng.uniform(3600, 3 * 86400))
        published_at = now + seconds(rng.uniform(3 * 3600, 7 * 86400))
        slots.append(Slot(Article.Status.PUBLISHED, created_at, published_at, is_scheduled=True))
    for status in (Article.Status.IN_REVIEW, Article.Status.DRAFT):
        slots.extend(Slot(status, now - seconds(rng.uniform(3600, 10 * 86400))) for _ in range(unfinished[status]))
    return slots


def choose_editors_picks(rng: random.Random, slots: list[Slot]) -> dict[int, int]:
    """Slot index -> place among the editors' picks, chosen from the newest live articles."""
    live = [index for index, slot in enumerate(slots) if slot.is_live]
    recent = live[-EDITORS_PICKS * 3 :]
    chosen = rng.sample(recent, min(EDITORS_PICKS, len(recent)))
    return {index: place for place, index in enumerate(chosen, start=1)}
