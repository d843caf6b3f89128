# The body becomes a richtext.fields.RichTextField: the same text column, now
# sanitised by the field itself. Only Django's model state changes; the database
# is left alone (SQLite would otherwise rebuild the whole table for nothing).

import django.contrib.postgres.search
from django.db import migrations

import richtext.fields


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_article_ordering_nulls_last"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="body",
                    field=richtext.fields.RichTextField(blank=True, verbose_name="body"),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="search_vector",
                    field=django.contrib.postgres.search.SearchVectorField(
                        editable=False,
                        help_text="Full-text search document (PostgreSQL); see articles.search_index.",
                        null=True,
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
