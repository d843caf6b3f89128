"""Fill an empty database with a demo newsroom.

Developers, designers and reviewers need pages that look like a working newsroom
(sections, authors with portraits, captioned and credited pictures, hundreds of
tagged articles) and performance work needs a hundred thousand articles. ``make run``
calls this with ``--if-empty`` so a fresh checkout opens on a full front page.
All text is invented and all pictures are drawn locally; nothing is downloaded.
The same ``--seed`` always gives the same newsroom.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone

from articles.management.progress import progress_bar
from articles.models import Article
from articles.search_index import rebuild_search_index, uses_tsvector
from demo.builder import LOADED_MODELS, ArticleLoad
from demo.cast import create_cast
from demo.frontpage import finish_front_page
from demo.pages import create_pages
from demo.reset import delete_demo_content, existing_content

DEFAULT_ARTICLES = 200


def join_words(words: list[str]) -> str:
    return " and ".join(filter(None, [", ".join(words[:-1]), words[-1]]))


class Command(BaseCommand):
    help = "Create demo sections, authors, photos, tags and articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=DEFAULT_ARTICLES,
            metavar="N",
            help=f"How many articles (default {DEFAULT_ARTICLES}).",
        )
        parser.add_argument("--seed", type=int, default=1, metavar="S", help="Same seed, same newsroom (default 1).")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First delete every article, author, section, tag and library image, with the image files.",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if any article exists (what `make run` uses)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Say what would happen and change nothing.")
        parser.add_argument(
            "--force", action="store_true", help="Allow --reset with DEBUG off, on a database that is not a demo."
        )

    def handle(
        self, *args, articles: int, seed: int, reset: bool, if_empty: bool, dry_run: bool, force: bool, **options
    ):
        self.verbosity = options["verbosity"]
        if articles < 0:
            raise CommandError("--articles cannot be negative.")
        if if_empty and Article.objects.exists():
            self.say("Articles already exist, so no demo content was added.")
            return
        present = existing_content()
        if present and not reset:
            raise CommandError(
                f"The database already has {join_words(present)}. Run `manage.py seed_demo --reset` to replace "
                "them with the demo; that deletes every article, author, section, tag and library image."
            )
        if present and reset and not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a real newsroom: --reset would delete every article, author, "
                "section, tag and image. Add --force if that is really what you want."
            )
        if dry_run:
            action = f"delete the existing {join_words(present)}, then " if present else ""
            self.say(f"Would {action}seed {articles} articles with seed {seed}. Nothing was changed.")
            return

        started = time.monotonic()
        # All or nothing: an interrupted seed leaves no half-built newsroom behind,
        # which `--if-empty` would otherwise mistake for real content.
        with transaction.atomic():
            if reset and present:
                deleted = delete_demo_content()
                self.say("Deleted " + ", ".join(f"{count} {kind}" for kind, count in deleted.items()) + ".", level=2)

            now = timezone.now().replace(microsecond=0)
            cast = create_cast(seed=seed, now=now)
            self.say(
                f"Created {len(cast.section_ids)} sections, {len(cast.authors)} authors with avatars, "
                f"{len(cast.photos)} illustrations and {len(cast.tag_ids)} tags "
                f"({time.monotonic() - started:.1f} s).",
                level=2,
            )
            load = ArticleLoad(cast=cast, count=articles, seed=seed, now=now)
            with progress_bar(self, total=articles, desc="Articles", verbosity=self.verbosity) as progress:
                for inserted in load.insert():
                    progress.update(inserted)
            self.say(f"Inserted the articles ({time.monotonic() - started:.1f} s).", level=2)
            if load.indexes_to_build:
                with progress_bar(
                    self, total=load.indexes_to_build, desc="Indexes", verbosity=self.verbosity, unit=" indexes"
                ) as progress:
                    load.finish(progress=progress.update)
                self.say(f"Built the indexes ({time.monotonic() - started:.1f} s).", level=2)
            finish_front_page(seed=seed, now=now)
            create_pages()

        if not uses_tsvector():
            # PostgreSQL computed each article's document as it inserted it; FTS5 needs its table filled.
            with progress_bar(self, total=articles, desc="Search index", verbosity=self.verbosity) as progress:
                rebuild_search_index(progress=progress.update)
        self.refresh_statistics()
        self.say(
            f"Seeded {articles} article{pluralize(articles)} in {len(cast.section_ids)} sections "
            f"by {len(cast.authors)} authors in {time.monotonic() - started:.1f} s.",
            style=self.style.SUCCESS,
        )

    def refresh_statistics(self) -> None:
        """Fresh statistics, or the planner ignores the new indexes on a table it thinks is empty.
        On PostgreSQL the loaded tables are vacuumed as well, as autovacuum would do soon after:
        it marks their pages all-visible, which index-only scans need."""
        started = time.monotonic()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                quote = connection.ops.quote_name
                tables = ", ".join(quote(model._meta.db_table) for model in LOADED_MODELS)
                cursor.execute(f"VACUUM (ANALYZE) {tables}")
            cursor.execute("ANALYZE")
        self.say(f"Refreshed the planner's statistics ({time.monotonic() - started:.1f} s).", level=2)

    def say(self, message: str, *, level: int = 1, style=None) -> None:
        if self.verbosity >= level:
            self.stdout.write(style(message) if style else message)
