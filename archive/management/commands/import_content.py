"""Load an archive made by ``export_content`` into this newsroom: a restore, or a move.

Meant for a fresh install (``manage.py migrate``, then this): it refuses a database
that already holds content unless ``--replace`` says to delete it. Every checksum in
the archive is verified before anything is written, the rows load in one
transaction, and a damaged, truncated or foreign archive is refused with a message
saying why. ``--dry-run`` does every check and changes nothing, which is also how to
test a backup.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.contents import content_present
from archive.importing import describe_counts, import_newsroom
from archive.layout import ArchiveError
from articles.management.progress import progress_bar


class Command(BaseCommand):
    help = "Import a newsroom archive made by export_content into an empty database (or replace what is there)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The archive file to load.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help=(
                "First delete every article, section, author, image record, tag, revision, user account and group "
                "(and the sessions and admin log), and overwrite files at the archive's paths."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the archive and the database; change nothing."
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", help="Do not ask before --replace."
        )

    def handle(self, *args, archive: Path, replace: bool, dry_run: bool, interactive: bool, verbosity: int, **options):
        if replace and interactive and not dry_run and (present := content_present()):
            answer = input(
                f"This deletes the newsroom's content ({describe_counts(present)}), its user accounts and groups, "
                "and signs everyone out, before loading the archive. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Import cancelled; nothing was changed.")

        def progress(desc, *, total, unit):
            return progress_bar(self, total=total, desc=desc, verbosity=verbosity, unit=unit)

        try:
            summary = import_newsroom(source=archive, replace=replace, dry_run=dry_run, progress=progress)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        for warning in summary.warnings:
            self.stderr.write(self.style.WARNING(warning))
        for name in summary.missing_files:
            self.stderr.write(self.style.WARNING(f"Missing when the archive was made, not restored: {name}"))
        if not verbosity:
            return
        if verbosity >= 2:
            for label, count in summary.rows.items():
                self.stdout.write(f"  {label}: {count}")
        rows = sum(summary.rows.values())
        if summary.is_dry_run:
            self.stdout.write(f"The archive is intact: {rows} rows of {len(summary.rows)} models.")
            if summary.replaced:
                self.stdout.write(f"Would delete {describe_counts(summary.replaced)}.")
            self.stdout.write(
                f"Would load {rows} rows and write {summary.files_to_write} files "
                f"({summary.files_already_there} identical ones are there already). Nothing was changed."
            )
            return
        if summary.replaced:
            self.stdout.write(f"Deleted {describe_counts(summary.replaced)}.")
        if summary.files_overwritten:
            self.stdout.write(f"Overwrote {len(summary.files_overwritten)} files at the archive's paths.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {rows} rows of {len(summary.rows)} models and wrote {summary.files_written} files "
                f"({summary.files_already_there} identical ones were there already)."
            )
        )
