"""SQLite's full-text index of the articles: an FTS5 table, filled from the articles there are.

PostgreSQL keeps each article's document in ``Article.search_vector`` (0004), so there
this migration does nothing. From here on ``articles.search_index`` keeps the table in
step; what it writes is repeated below as it stood, as migrations must not change.
"""

import html
import re

from django.db import migrations
from django.db.utils import OperationalError
from django.utils.html import strip_tags

TABLE = "article_search"
CREATE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(
    headline, standfirst, body, tags, authors,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
BODY_INDEX_LIMIT = 300_000
CHUNK = 500
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|figcaption|figure|td|th|tr|pre)>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich_text):
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", rich_text or "")))
    return re.sub(r"\s*\n\s*", "\n", re.sub(r"[^\S\n]+", " ", text)).strip()


def create_search_table(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    try:
        schema_editor.execute(CREATE)
    except OperationalError as error:
        raise OperationalError(
            f"Search on SQLite needs its FTS5 extension, which this SQLite build lacks ({error}). "
            "Use a Python whose sqlite3 module has FTS5 (the python.org and Debian builds do), or PostgreSQL."
        ) from error
    fill_search_table(apps, schema_editor)


def fill_search_table(apps, schema_editor):
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    TaggedArticle = apps.get_model("articles", "TaggedArticle")
    Byline = apps.get_model("articles", "Byline")
    ids = list(Article.objects.using(alias).order_by("pk").values_list("pk", flat=True))
    with schema_editor.connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            tags, authors = {}, {}
            for article_id, name in (
                TaggedArticle.objects.using(alias)
                .filter(content_object_id__in=chunk)
                .order_by("pk")
                .values_list("content_object_id", "tag__name")
            ):
                tags.setdefault(article_id, []).append(name)
            for article_id, name in (
                Byline.objects.using(alias)
                .filter(article_id__in=chunk)
                .order_by("position", "pk")
                .values_list("article_id", "author__name")
            ):
                authors.setdefault(article_id, []).append(name)
            rows = Article.objects.using(alias).filter(pk__in=chunk).values_list("pk", "headline", "standfirst", "body")
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, headline, standfirst, body, tags, authors) VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        pk,
                        headline,
                        standfirst or "",
                        plain_text((body or "")[:BODY_INDEX_LIMIT]),
                        " ".join(tags.get(pk, [])),
                        " ".join(authors.get(pk, [])),
                    )
                    for pk, headline, standfirst, body in rows
                ],
            )


def drop_search_table(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_beside_the_lead"),
    ]

    operations = [
        migrations.RunPython(create_search_table, drop_search_table),
    ]
