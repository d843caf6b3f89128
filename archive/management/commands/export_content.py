"""Write the whole newsroom into one archive file: its rows, its revisions and its photos.

A backup that needs no database tools, and the way to move a newsroom to another
server or database (SQLite to PostgreSQL, say): ``import_content`` loads the archive
into a fresh install. ``docs/operations.md`` compares it with a ``pg_dump`` and a
copy of ``MEDIA_ROOT``, and says what the archive leaves out.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from archive.exporting import export_newsroom
from archive.layout import ArchiveError
from articles.management.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Export every article, section, author, image (with its files), tag, revision, user account and group "
        "into one archive file, with a manifest of checksums."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The file to write, e.g. newsroom-2025-06-01.zip.")
        parser.add_argument("--overwrite", action="store_true", help="Replace an existing file of that name.")
        parser.add_argument(
            "--allow-missing-files",
            action="store_true",
            help="Export even when files the database refers to are missing from the storage (listed as missing).",
        )

    def handle(self, *args, archive: Path, overwrite: bool, allow_missing_files: bool, verbosity: int, **options):
        def progress(desc, *, total, unit):
            return progress_bar(self, total=total, desc=desc, verbosity=verbosity, unit=unit)

        try:
            summary = export_newsroom(
                destination=archive, overwrite=overwrite, allow_missing_files=allow_missing_files, progress=progress
            )
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 2:
            for label, count in summary.rows.items():
                self.stdout.write(f"  {label}: {count}")
        for name in summary.missing_files:
            self.stderr.write(self.style.WARNING(f"Missing from the storage, not exported: {name}"))
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Exported {sum(summary.rows.values())} rows of {len(summary.rows)} models and "
                    f"{summary.files} files ({filesizeformat(summary.file_bytes)}) to {summary.path}."
                )
            )
