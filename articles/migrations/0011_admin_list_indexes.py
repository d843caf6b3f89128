"""Indexes for the admin's article list at a million articles: its default order (newest
edits first) and its date drill-down by publication time (issue 11)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_sqlite_search_table"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["-modified_at", "-id"], name="article_modified_idx"),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["published_at"], name="article_published_at_idx"),
        ),
    ]
