"""Time the public pages against whatever archive the database holds.

`make bench` seeds 100,000 articles into a scratch PostgreSQL database and runs this,
so "fast at any archive size" is a measured number: each page's median time and
its SQL query count, including a list page deep in the archive.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import override_settings

from articles.models import Article, Section
from articles.selectors.pagination import Cursor


class Command(BaseCommand):
    help = "Measure public page times and query counts on the current database."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=7, help="Requests per page (default 7).")

    def handle(self, *args, repeat: int, **options):
        published = Article.objects.published()
        newest = published.select_related("section").latest_first().first()
        if newest is None:
            self.stdout.write("No published articles; run seed_demo first.")
            return
        deep = published.latest_first()[min(published.count() - 2, 100_000)]
        section = Section.objects.first()
        pages = {
            "front page": "/",
            "article": newest.get_absolute_url(),
            "section, first page": section.get_absolute_url(),
            "latest, deep in the archive": f"/latest/?before={Cursor.after(deep)}",
            "search": "/search/?q=border+checks",
            "RSS feed": "/feeds/rss/",
            "sitemap page": "/sitemaps/articles.xml",
        }
        client = Client()
        self.stdout.write(f"{published.count()} published articles on {connection.vendor}")
        with override_settings(DEBUG=True, ALLOWED_HOSTS=["testserver"]):
            for name, url in pages.items():
                client.get(url)  # warm caches, as on a live site
                timings = []
                for _ in range(repeat):
                    reset_queries()
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                queries = len(connection.queries)
                median = statistics.median(timings)
                line = f"  {name:<30} {median:7.1f} ms  {queries:3d} queries  HTTP {response.status_code}"
                self.stdout.write(line)
