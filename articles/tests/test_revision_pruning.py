"""``manage.py prune_revisions`` (issue 9, finding 20): every save kept a full revision
forever. Old revisions are thinned to one an object a day; published versions, the
newest of every object and everything recent stay."""

import datetime
from io import StringIO

import pytest
import reversion
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Revision, Version

from articles.models import Article
from articles.revision_pruning import prune_revisions
from authors.tests.factories import AuthorFactory

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2025, 6, 30, 12, 0, tzinfo=datetime.UTC)
Status = Article.Status


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def day(days_ago: int, hour: int, minute: int = 0) -> datetime.datetime:
    """``hour`` o'clock (UTC) ``days_ago`` days before NOW."""
    return (NOW - datetime.timedelta(days=days_ago)).replace(hour=hour, minute=minute)


def saved(*objects, at: datetime.datetime, **changes) -> int:
    """Save ``objects`` (with ``changes``) as one revision dated ``at``; its id."""
    for obj in objects:
        for name, value in changes.items():
            setattr(obj, name, value)
    with reversion.create_revision():
        for obj in objects:
            obj.save()
        reversion.set_date_created(at)
    return Version.objects.get_for_object(objects[0]).values_list("revision_id", flat=True).first()


def remaining() -> set[int]:
    return set(Revision.objects.values_list("pk", flat=True))


def prune(*args) -> str:
    out = StringIO()
    call_command("prune_revisions", *args, stdout=out)
    return out.getvalue()


def test_keeps_every_recent_revision_and_the_last_of_each_older_day():
    article = ArticleFactory(draft=True)
    saved(article, at=day(200, 9))
    saved(article, at=day(200, 12))
    evening = saved(article, at=day(200, 17))
    saved(article, at=day(91, 9))
    last_old_day = saved(article, at=day(91, 23, 59))
    # From midnight 90 days ago on, everything stays.
    recent = {saved(article, at=day(90, 0, 1)), saved(article, at=day(90, 8)), saved(article, at=day(3, 9))}

    prune()

    assert remaining() == {evening, last_old_day, *recent}


def test_a_revision_of_the_article_as_published_is_never_pruned():
    article = ArticleFactory(draft=True)
    saved(article, at=day(400, 8))
    published = saved(article, at=day(400, 9), status=Status.PUBLISHED, published_at=day(400, 9))
    corrected = saved(article, at=day(400, 10), headline="A corrected headline")
    saved(article, at=day(400, 11), status=Status.UNPUBLISHED)
    scheduled = saved(article, at=day(400, 12), status=Status.PUBLISHED, published_at=day(399, 6))
    saved(article, at=day(400, 13), status=Status.DRAFT)
    last_of_the_day = saved(article, at=day(400, 14), headline="Rewritten as a draft")

    prune()

    assert remaining() == {published, corrected, scheduled, last_of_the_day}


def test_the_newest_revision_of_every_object_stays_so_deleted_articles_can_be_recovered():
    author = AuthorFactory()
    authors_only = saved(author, at=day(900, 9))
    article = ArticleFactory(draft=True)
    saved(article, at=day(300, 9))
    newest = saved(article, at=day(300, 10))
    article.delete()

    prune()

    assert remaining() == {authors_only, newest}
    assert [version.revision_id for version in Version.objects.get_deleted(Article)] == [newest]


def test_a_revision_saved_for_several_objects_goes_only_when_none_of_them_needs_it():
    article, author = ArticleFactory(draft=True), AuthorFactory()
    authors_last_that_day = saved(article, author, at=day(200, 9))
    articles_last_that_day = saved(article, at=day(200, 12))
    neither_needs_it = saved(article, author, at=day(150, 9))
    later = {saved(article, at=day(150, 12)), saved(author, at=day(150, 13))}

    prune()

    assert remaining() == {authors_last_that_day, articles_last_that_day, *later}
    assert neither_needs_it not in remaining()


def test_an_articles_revision_goes_whole_with_its_bylines_and_tags():
    article = ArticleFactory(draft=True, authors=[AuthorFactory()], tags=["Floods"])
    early = saved(article, at=day(200, 9))
    late = saved(article, at=day(200, 10))
    assert Version.objects.filter(revision_id=early).count() == 3  # the article, its byline, its tag

    prune()

    assert not Version.objects.filter(revision_id=early).exists()
    assert Version.objects.filter(revision_id=late).count() == 3


def test_a_revision_of_followers_alone_is_kept():
    article = ArticleFactory(draft=True, authors=[AuthorFactory()])
    saved(article, at=day(200, 10))
    bylines_alone = saved(article.bylines.get(), at=day(200, 9))

    prune()

    assert bylines_alone in remaining()


def test_a_dry_run_deletes_nothing_and_says_what_would_go():
    article = ArticleFactory(draft=True, headline="Dam breached", authors=[AuthorFactory()])
    doomed = saved(article, at=day(200, 9))
    saved(article, at=day(200, 10))
    before = remaining()

    out = prune("--dry-run", "--verbosity", "2")

    assert remaining() == before
    assert f"revision {doomed} of 2024-12-12 09:00: article “Dam breached”" in out
    assert "Would delete 1 revision from before" in out
    assert "(2 versions: 1 article, 1 byline)" in out


def test_says_what_it_deleted_and_when_there_is_nothing():
    article = ArticleFactory(draft=True)
    saved(article, at=day(200, 9))
    saved(article, at=day(200, 10))
    saved(article, at=day(200, 11))

    assert "Deleted 2 revisions from before 2025-04-01 (2 versions: 2 articles)" in prune()
    assert "No revisions from before 2025-04-01 to prune." in prune()
    assert prune("--verbosity", "0") == ""


def test_how_long_everything_is_kept_comes_from_the_settings_or_the_option(settings):
    article = ArticleFactory(draft=True)
    saved(article, at=day(60, 9))
    saved(article, at=day(60, 10))
    prune()
    assert len(remaining()) == 2

    settings.REVISIONS_KEEP_ALL_DAYS = 30
    prune("--dry-run")
    assert len(remaining()) == 2
    prune()
    assert len(remaining()) == 1


def test_the_option_overrides_the_setting():
    article = ArticleFactory(draft=True)
    saved(article, at=day(60, 9))
    saved(article, at=day(60, 10))
    prune("--keep-days", "60")  # from midnight 60 days ago
    assert len(remaining()) == 2
    prune("--keep-days", "59")
    assert len(remaining()) == 1


def test_keep_days_must_be_at_least_one():
    with pytest.raises(CommandError, match="--keep-days must be 1 or more"):
        prune("--keep-days", "0")


@pytest.mark.parametrize(("zone", "kept"), [("UTC", 1), ("Europe/Kyiv", 2)])
def test_days_are_the_newsrooms_days(settings, zone, kept):
    """21:30 and 22:30 UTC fall on one day in UTC but on two in Kyiv (UTC+2 in winter)."""
    settings.TIME_ZONE = zone
    article = ArticleFactory(draft=True)
    saved(article, at=day(200, 21, 30))
    saved(article, at=day(200, 22, 30))

    prune()

    assert len(remaining()) == kept


def seed(articles: int) -> None:
    for _ in range(articles):
        article = ArticleFactory(draft=True, authors=[AuthorFactory()], tags=["Floods"])
        for hour in range(8, 14):
            saved(article, at=day(200, hour))
        saved(article, at=day(200, 14), status=Status.PUBLISHED, published_at=day(200, 14))
        saved(article, at=day(200, 15), headline="Changed after publication")


def test_the_number_of_queries_does_not_grow_with_the_revisions():
    """The plan is one pass over the old versions, the status check and the deletion go
    by batches: no query per revision or per version."""
    counts = []
    for articles in (2, 8):
        seed(articles)
        with CaptureQueriesContext(connection) as queries:
            result = prune_revisions(keep_days=90)
        assert result.revisions == 6 * articles
        counts.append(len(queries))
    assert counts[1] <= counts[0] <= 10
    assert Revision.objects.count() == 2 * 10


def test_deletes_in_batches():
    seed(3)
    batches = []
    result = prune_revisions(keep_days=90, batch_size=4, on_batch=batches.append)
    assert [len(batch.revisions) for batch in batches] == [4, 4, 4, 4, 2]
    assert result.revisions == 18
    assert Revision.objects.count() == 6
