"""Queries per request, and their plans: run in-process by the bench, one subprocess per site.

``python -m bench.queries`` with ``DJANGO_SETTINGS_MODULE`` and the server's environment
reads ``{"pages": {name: path}, "explain": bool}`` as JSON on stdin and prints, per page,
how many queries a request runs cold (cache just cleared) and warm (right after), and
with ``explain`` each cold query's EXPLAIN plan. It only uses Django's test client on the
bench database, so nothing in the production code paths changes. It imports nothing
but Django, so the Wagtail peer's virtualenv runs it too.
"""

import json
import re
import sys

# The tables whose sequential scans grow with the archive (docs/performance.md).
WATCHED_TABLES = {
    "articles_article",
    "articles_byline",
    "articles_taggedarticle",
    "taggit_tag",
    "taggit_taggeditem",
    "media_rendition",
    "wagtailcore_page",
    "news_articlepage",
    "news_articlepagetag",
    "wagtailimages_rendition",
}
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def sequential_scans(plan: str) -> list[str]:
    """The watched tables a plan reads from end to end."""
    return sorted({table for table in SEQ_SCAN.findall(plan) if table in WATCHED_TABLES})


def is_explainable(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("SELECT", "WITH"))


def measure(pages: dict[str, str], *, explain: bool) -> dict[str, dict]:
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    results = {}
    for name, path in pages.items():
        for alias in caches:
            caches[alias].clear()
        with CaptureQueriesContext(connection) as cold:
            status = client.get(path).status_code
        with CaptureQueriesContext(connection) as warm:
            client.get(path)
        result = {"status": status, "cold": len(cold), "warm": len(warm), "queries": []}
        if explain and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for query in cold.captured_queries:
                    sql = query["sql"]
                    if not is_explainable(sql):
                        continue
                    cursor.execute("EXPLAIN " + sql)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    result["queries"].append({"sql": sql, "plan": plan, "seq_scans": sequential_scans(plan)})
        results[name] = result
    return results


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(measure(request["pages"], explain=request.get("explain", False)), sys.stdout)
