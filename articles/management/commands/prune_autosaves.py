"""Delete autosaved article forms nobody came back to, presence records of closed tabs, and
photos kept from forms that came back with an error and were never sent again.

An autosave is kept until its form is saved or discarded; one left behind (a tab
closed without saving, a draft abandoned) goes after 30 days. ``make run`` runs
this on every start; in production run it daily (cron or a systemd timer).
"""

import datetime

from django.core.management.base import BaseCommand

from articles.editing import AUTOSAVES_KEPT_FOR, prune_autosaves, prune_presence
from media.kept_uploads import prune_kept_uploads


class Command(BaseCommand):
    help = "Delete autosaved article forms older than 30 days (or --days) and stale presence records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=AUTOSAVES_KEPT_FOR.days, help="Keep autosaves this many days (default 30)."
        )

    def handle(self, *args, days: int, **options):
        if days < 1:
            self.stderr.write("--days must be 1 or more.")
            raise SystemExit(2)
        autosaves = prune_autosaves(older_than=datetime.timedelta(days=days))
        presences = prune_presence()
        kept = prune_kept_uploads()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {autosaves} autosaves older than {days} days, {presences} stale presences "
                f"and {kept} photos kept from forms that were never sent again."
            )
