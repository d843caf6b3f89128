import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

GIN_INDEX = "article_search_vector_gin"


def create_search_index(apps, schema_editor):
    """The GIN index exists only on PostgreSQL; SQLite searches without it."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON articles_article USING gin (search_vector)"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_workflow_curation_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, help_text="Full-text search document (PostgreSQL); see articles.search.", null=True
            ),
        ),
        migrations.CreateModel(
            name="DailyReads",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("count", models.PositiveIntegerField(default=0)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="daily_reads",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "verbose_name": "daily reads",
                "verbose_name_plural": "daily reads",
                "indexes": [models.Index(fields=["day", "article"], name="daily_reads_day_idx")],
                "constraints": [models.UniqueConstraint(fields=("article", "day"), name="daily_reads_once_per_day")],
            },
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
