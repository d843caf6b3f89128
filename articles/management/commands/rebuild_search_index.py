"""Rebuild every article's full-text search document (PostgreSQL).

Articles keep their own document current whenever they are saved; this is for
what saving does not reach: a tag or an author renamed, articles loaded in bulk,
or a change to how documents are built. On SQLite there is nothing to rebuild.
"""

from django.core.management.base import BaseCommand

from articles.management.progress import progress_bar
from articles.models import Article
from articles.search_index import rebuild_search_index, uses_full_text


class Command(BaseCommand):
    help = "Rebuild the full-text search documents of all articles (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2, help="Database connections to use at once (default 2).")

    def handle(self, *args, workers: int, **options):
        if not uses_full_text():
            self.stdout.write("This database searches without a prebuilt index; nothing to do.")
            return
        total = Article.objects.count()
        with progress_bar(self, total=total, desc="Search index", verbosity=options["verbosity"]) as bar:
            done = rebuild_search_index(workers=max(1, workers), progress=bar.update)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Rebuilt the search documents of {done} articles."))
