"""Tag and author lists are read from their join rows (``ListedAtField``): every way a byline
or a tag row is written, and every way an article is published, unpublished or
rescheduled, leaves the rows' copy of the publication time equal to the article's."""

import datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
import reversion
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, Byline, TaggedArticle, copy_listed_at_from_articles
from articles.revisions import restore_content
from articles.services import publish_article, save_article, unpublish_article
from authors.tests.factories import AuthorFactory, staff_user

from .factories import ArticleFactory, BylineFactory, hours_ago

pytestmark = pytest.mark.django_db

Status = Article.Status


def copies(article: Article) -> set:
    """The ``listed_at`` of the article's bylines and tag rows: one value when they agree."""
    bylines = Byline.objects.filter(article=article).values_list("listed_at", flat=True)
    tag_rows = TaggedArticle.objects.filter(content_object=article).values_list("listed_at", flat=True)
    return {*bylines, *tag_rows}


def assert_copied(article: Article) -> None:
    stored = Article.objects.get(pk=article.pk)
    assert copies(stored) == {stored.listed_at}


def test_an_article_is_listed_at_its_publication_time_only_while_published():
    moment = hours_ago(2)
    assert Article(status=Status.PUBLISHED, published_at=moment).listed_at == moment
    for status in (Status.DRAFT, Status.IN_REVIEW, Status.UNPUBLISHED):
        assert Article(status=status, published_at=moment).listed_at is None


@pytest.mark.parametrize("state", [{}, {"scheduled": True}, {"draft": True}, {"unpublished": True}])
def test_new_bylines_and_tags_copy_their_article(state):
    article = ArticleFactory(**state, authors=[AuthorFactory(), AuthorFactory()], tags=["Energy", "Grain"])
    assert len(copies(article)) == 1
    assert_copied(article)


def test_tags_set_through_taggit_copy_the_article_without_reading_it():
    article = ArticleFactory(tags=["Energy"])
    Tag.objects.create(name="Grain", slug="grain")
    article.tags.add("Grain")
    article.tags.set(["Grain", "Ports"])
    article.tags.remove("Grain")
    assert_copied(article)
    assert list(article.tags.names()) == ["Ports"]
    with CaptureQueriesContext(connection) as queries:
        article.tags.add(Tag.objects.get(name="Grain"))
    assert queries.captured_queries and not [q for q in queries if 'FROM "articles_article"' in q["sql"]]
    assert_copied(article)


def test_bylines_made_in_any_way_copy_their_article():
    article = ArticleFactory()
    BylineFactory(article=article, author=AuthorFactory())
    Byline.objects.create(article_id=article.pk, author=AuthorFactory(), position=1)  # the article read once
    Byline.objects.bulk_create([Byline(article=article, author=AuthorFactory(), position=2)])
    TaggedArticle.objects.bulk_create([TaggedArticle(content_object=article, tag=Tag.objects.create(name="A"))])
    assert Byline.objects.filter(article=article).count() == 3
    assert_copied(article)


def test_publishing_unpublishing_and_rescheduling_move_every_copy():
    editor = staff_user("ed", "Editor")
    article = ArticleFactory(draft=True, authors=[AuthorFactory(), AuthorFactory()], tags=["Energy", "Grain"])
    assert copies(article) == {None}
    publish_article(article=article, user=editor)
    assert copies(article) == {article.published_at} and article.is_live
    ahead = timezone.now() + datetime.timedelta(days=2)
    article.published_at = ahead
    save_article(article=article, user=editor)
    assert copies(article) == {ahead}
    unpublish_article(article=article, user=editor)
    assert copies(article) == {None}


def test_a_save_puts_right_rows_written_raw_and_one_of_other_columns_leaves_them_alone():
    article = ArticleFactory(authors=True, tags=["Energy"])
    TaggedArticle.objects.filter(content_object=article).update(listed_at=None)  # as a raw revert leaves them
    article.save()
    assert_copied(article)
    article.headline = "A new headline"
    with CaptureQueriesContext(connection) as queries:
        article.save(update_fields=["headline"])
    assert not [query for query in queries if "articles_byline" in query["sql"] or "taggedarticle" in query["sql"]]


def test_restoring_a_revision_with_its_byline_copies_the_article():
    editor = staff_user("ed", "Editor")
    first, second = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(authors=[first], tags=["Energy"])
    with reversion.create_revision():
        save_article(article=article, user=editor)
    Byline.objects.filter(article=article).delete()
    article.tags.set(["Grain"])
    BylineFactory(article=article, author=second)
    version = Version.objects.get_for_object(article).first()
    restore_content(article=article, version=version, user=editor, include_bylines=True)
    assert list(article.authors.all()) == [first] and list(article.tags.names()) == ["Energy"]
    assert_copied(article)


def test_copying_again_from_the_articles_puts_every_row_right():
    """What the archive import runs after loading rows raw."""
    live = ArticleFactory(authors=True, tags=["Energy"])
    draft = ArticleFactory(draft=True, authors=True, tags=["Energy"])
    Byline.objects.update(listed_at=hours_ago(100))
    TaggedArticle.objects.update(listed_at=None)
    copy_listed_at_from_articles()
    assert_copied(live)
    assert_copied(draft)


def test_the_migration_fills_the_rows_there_are():
    migration = import_module("articles.migrations.0012_listing_order_on_join_rows")
    live = ArticleFactory(authors=True, tags=["Energy"])
    scheduled = ArticleFactory(scheduled=True, authors=True, tags=["Energy"])
    draft = ArticleFactory(draft=True, authors=True, tags=["Energy"])
    Byline.objects.update(listed_at=None)
    TaggedArticle.objects.update(listed_at=None)  # the new column, empty
    migration.fill_listed_at(apps, SimpleNamespace(connection=connection))
    for article in (live, scheduled, draft):
        assert_copied(article)
    assert copies(scheduled) == {scheduled.published_at}


def test_tag_and_author_lists_page_by_their_join_rows():
    """One index of the join table serves the page: the order and the bound are its columns."""
    tag = Tag.objects.create(name="Energy", slug="energy")
    author = AuthorFactory()
    for listed, table, article_column in (
        (Article.objects.published().for_cards().tagged(tag), "articles_taggedarticle", "content_object_id"),
        (Article.objects.published().for_cards().by_author(author), "articles_byline", "article_id"),
    ):
        sql = str(listed.latest_first().query)
        assert f'ORDER BY "{table}"."listed_at" DESC, "{table}"."{article_column}" DESC' in sql
        assert f'"{table}"."listed_at" <=' in sql
    # Scoped the other way round, the bound is the same.
    assert '"articles_taggedarticle"."listed_at" <=' in str(Article.objects.tagged(tag).published().query)
    # Any tag's articles, drafts included (a renamed tag refreshes them all): no bound.
    assert '"listed_at" <=' not in str(Article.objects.tagged(tag).query)


@pytest.mark.parametrize(
    ("listing", "index"),
    [("tagged", "tagged_article_latest_idx"), ("by_author", "byline_author_latest_idx")],
)
def test_the_database_reads_a_page_from_the_index_in_order(listing, index):
    tag, author = Tag.objects.create(name="Energy", slug="energy"), AuthorFactory()
    for hours in range(30):
        ArticleFactory(published_at=hours_ago(hours + 1), authors=[author], tags=[tag])
    listed = getattr(Article.objects.published().for_cards(), listing)(tag if listing == "tagged" else author)
    sql, params = listed.latest_first()[:21].query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A table this small is read whole; the question is whether the index can serve.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"Index Only Scan using {index}" in plan or f"Index Scan using {index}" in plan, plan
            assert "Sort" not in plan, plan
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan = "\n".join(str(row[-1]) for row in cursor.fetchall())
            assert f"USING INDEX {index}" in plan or f"USING COVERING INDEX {index}" in plan, plan
            assert "TEMP B-TREE" not in plan, plan
