"""Thin out old revisions: every save of an article, author, photo or the promo keeps a
full copy, and without pruning the history grows with every save forever.

Keeps every revision of the last ``REVISIONS_KEEP_ALL_DAYS`` days (90 unless set;
``--keep-days`` for one run) and, before that, the last revision of each object on
each day, which includes the newest of every object, deleted ones too. A revision
holding an article as published or scheduled is never pruned
(``articles.revision_pruning`` explains the rules). ``make run`` runs this on every
start; in production run it daily beside ``prune_autosaves``.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize
from django.utils import timezone

from articles.revision_pruning import PrunedBatch, prune_revisions


class Command(BaseCommand):
    help = (
        "Delete revisions older than REVISIONS_KEEP_ALL_DAYS days (or --keep-days), keeping the last of each "
        "object's day and every published article version."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days",
            type=int,
            default=settings.REVISIONS_KEEP_ALL_DAYS,
            help=f"Keep every revision of this many days (default {settings.REVISIONS_KEEP_ALL_DAYS}); "
            "before that, one a day per object.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would be deleted; delete nothing.")

    def handle(self, *args, keep_days: int, dry_run: bool, verbosity: int, **options):
        if keep_days < 1:
            raise CommandError("--keep-days must be 1 or more.")
        self.verbosity, self.dry_run = verbosity, dry_run
        result = prune_revisions(keep_days=keep_days, dry_run=dry_run, on_batch=self.report_batch)
        if not verbosity:
            return
        since = timezone.localdate(result.cutoff).isoformat()
        if not result.revisions:
            self.stdout.write(f"No revisions from before {since} to prune.")
            return
        verb = "Would delete" if dry_run else "Deleted"
        versions = ", ".join(sorted(counted(count, model) for model, count in result.versions.items()))
        line = (
            f"{verb} {result.revisions} revision{pluralize(result.revisions)} from before {since} "
            f"({result.versions.total()} versions: {versions}); kept every later one, the last of each "
            "object's day and every published article version."
        )
        self.stdout.write(self.style.WARNING(line) if dry_run else self.style.SUCCESS(line))

    def report_batch(self, batch: PrunedBatch) -> None:
        if self.verbosity < 2:
            return
        for revision_id, created_at, saved_for in batch.revisions:
            when = timezone.localtime(created_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"  revision {revision_id} of {when}: {', '.join(saved_for)}")
        verb = "would go" if self.dry_run else "deleted"
        self.stdout.write(f"{len(batch.revisions)} revision{pluralize(len(batch.revisions))} {verb}…")


def counted(count: int, model) -> str:
    if model is None:
        return f"{count} of models that are gone"
    return f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
