"""Rebuild every article's full-text search document (PostgreSQL's tsvectors, SQLite's FTS5 rows).

Articles keep their own document current whenever the services save them; this is for
what saving does not reach: articles loaded in bulk, a change to how documents are
built, or an index to check against the articles.
"""

from django.core.management.base import BaseCommand

from articles.management.progress import progress_bar
from articles.models import Article
from articles.search_index import rebuild_search_index, uses_tsvector


class Command(BaseCommand):
    help = "Rebuild the full-text search documents of all articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers", type=int, default=2, help="Database connections to use at once (default 2; PostgreSQL)."
        )

    def handle(self, *args, workers: int, **options):
        total = Article.objects.count()
        with progress_bar(self, total=total, desc="Search index", verbosity=options["verbosity"]) as bar:
            done = rebuild_search_index(workers=max(1, workers), progress=bar.update)
        if options["verbosity"]:
            where = "PostgreSQL's documents" if uses_tsvector() else "SQLite's full-text index"
            self.stdout.write(self.style.SUCCESS(f"Rebuilt the search documents of {done} articles ({where})."))
