"""Thinning out the revision history, which otherwise keeps a full copy of every save forever.

Every revision of the last ``keep_days`` days stays. Before that, each object keeps
the last revision of each day (days in the newsroom's time zone), which is always
true of its newest one, so a deleted article can still be recovered. A revision
holding an article as it was published (or scheduled) is never pruned, however
old: it is the record of what readers saw. That also keeps the base of every
pending draft, which is made from the live, published version.

A revision goes whole or not at all. An article's revision holds the article and
the rows that follow it (bylines, tags, "read also" links, corrections, former
slugs); comparing or restoring reads them together, so deleting single versions
would leave a revision that restores an article without its byline. So a revision
is deleted only when every object it was saved for — the followers judged with
their article — may lose it; its versions go with it by cascade. A revision of
nothing but followers is kept: it is not clear whose history it belongs to.
"""

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from reversion.models import Revision, Version

from .models import Article
from .revisions import REVISION_FOLLOWERS

BATCH_SIZE = 1000


@dataclass
class PrunedBatch:
    """Revisions deleted (or, in a dry run, to be deleted) together."""

    revisions: list[tuple[int, datetime.datetime, list[str]]]  # id, when, what it was saved for
    versions: Counter  # model (None for one that is gone) → versions


@dataclass
class PruneResult:
    cutoff: datetime.datetime
    revisions: int = 0
    versions: Counter = field(default_factory=Counter)


def keep_everything_since(keep_days: int) -> datetime.datetime:
    """Midnight, newsroom time, ``keep_days`` days ago: every revision from then on is kept."""
    day = timezone.localdate() - datetime.timedelta(days=keep_days)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def prune_revisions(
    *,
    keep_days: int,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[PrunedBatch], None] | None = None,
) -> PruneResult:
    """Delete the revisions from before ``keep_days`` days ago that no object needs (see above).

    Reads the old versions' ids and dates in one pass, checks the articles' status in
    batches, and deletes in transactions of ``batch_size`` revisions: the number of
    queries grows with the batches, never with each revision.
    """
    result = PruneResult(cutoff=keep_everything_since(keep_days))
    doomed = sorted(_prunable_revisions(result.cutoff, batch_size))
    for start in range(0, len(doomed), batch_size):
        ids = doomed[start : start + batch_size]
        with transaction.atomic():
            batch = _describe(ids)
            if not dry_run:
                Revision.objects.filter(pk__in=ids).delete()
        result.revisions += len(ids)
        result.versions.update(batch.versions)
        if on_batch is not None:
            on_batch(batch)
    return result


def _prunable_revisions(cutoff: datetime.datetime, batch_size: int) -> set[int]:
    followers = ContentType.objects.get_for_models(*REVISION_FOLLOWERS).values()
    article_type = ContentType.objects.get_for_model(Article)
    old_versions = (
        Version.objects.filter(revision__date_created__lt=cutoff)
        .exclude(content_type__in=[content_type.pk for content_type in followers])
        # Each object's versions newest first, by id as reversion orders them: the first
        # one of each day is the last saved that day, the very first the object's newest.
        .order_by("content_type_id", "db", "object_id", "-pk")
        .values_list("pk", "revision_id", "content_type_id", "db", "object_id", "revision__date_created")
    )
    needed, candidates, articles = set(), set(), []
    last_day = None
    for pk, revision_id, content_type_id, db, object_id, created_at in old_versions.iterator(chunk_size=batch_size):
        day = (content_type_id, db, object_id, timezone.localdate(created_at))
        if day != last_day:
            needed.add(revision_id)
            last_day = day
            continue
        candidates.add(revision_id)
        if content_type_id == article_type.pk:
            articles.append(pk)
    for start in range(0, len(articles), batch_size):
        needed.update(_published(articles[start : start + batch_size]))
    return candidates - needed


def _published(version_ids: list[int]):
    """The revisions of those article versions that hold the article published or scheduled."""
    return (
        Version.objects.filter(pk__in=version_ids)
        .alias(data=Cast("serialized_data", models.JSONField()))
        .filter(data__0__fields__status=Article.Status.PUBLISHED)
        .values_list("revision_id", flat=True)
    )


def _describe(revision_ids: list[int]) -> PrunedBatch:
    rows = Version.objects.filter(revision_id__in=revision_ids).values_list(
        "revision_id", "revision__date_created", "content_type_id", "object_repr"
    )
    revisions, versions = {}, Counter()
    for revision_id, created_at, content_type_id, object_repr in rows.order_by("revision_id", "pk"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()  # cached after the first
        versions[model] += 1
        saved_for = revisions.setdefault(revision_id, (revision_id, created_at, []))[2]
        if model not in REVISION_FOLLOWERS:
            saved_for.append(f"{model._meta.verbose_name if model else 'object'} “{object_repr}”")
    return PrunedBatch(revisions=list(revisions.values()), versions=versions)
