"""Tag and author pages from one index each (issue 11): bylines and tag rows carry their
article's publication time while it is published (``listed_at``, see
``articles.models.ListedAtField``), filled here for the rows there are, before the
indexes are built.

A tag page walked the whole publication-time index of the articles, probing each for
the tag, when the tag's newest stories were old; (tag, listed_at, article) finds a page
of them directly. What ``ListedAtField`` copies is repeated below as it stood, as
migrations must not change.
"""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

# Join model, its foreign key to the article, whose page it lists, and that page's index.
JOIN_ROWS = (
    ("Byline", "article", "author", "byline_author_latest_idx"),
    ("TaggedArticle", "content_object", "tag", "tagged_article_latest_idx"),
)


def fill_listed_at(apps, schema_editor):
    """One UPDATE a table, each row's value read from its article by primary key."""
    alias = schema_editor.connection.alias
    Article = apps.get_model("articles", "Article")
    for model_name, article_field, _owner, _index in JOIN_ROWS:
        rows = apps.get_model("articles", model_name).objects.using(alias)
        published_at = Article.objects.using(alias).filter(pk=OuterRef(f"{article_field}_id"), status="published")
        rows.update(listed_at=Subquery(published_at.values("published_at")))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_admin_list_indexes"),
        ("authors", "0003_link_author_account_permission"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name.lower(),
                name="listed_at",
                field=models.DateTimeField(
                    editable=False,
                    help_text=f"The article's listed_at, copied for the {owner} page's index (ListedAtField).",
                    null=True,
                    verbose_name="listed at",
                ),
            )
            for model_name, _article_field, owner, _index in JOIN_ROWS
        ),
        # Filled before the indexes are built: building once is cheaper than keeping them up to date.
        migrations.RunPython(fill_listed_at, migrations.RunPython.noop, elidable=True),
        *(
            migrations.AddIndex(
                model_name=model_name.lower(),
                index=models.Index(
                    condition=models.Q(("listed_at__isnull", False)),
                    fields=[owner, "-listed_at", f"-{article_field}"],
                    name=index,
                ),
            )
            for model_name, article_field, owner, index in JOIN_ROWS
        ),
    ]
