"""Tag and author pages and their feeds, after every change that moves an article on them.

They are read from the join rows (``articles.models.ListedAtField``), not from the
articles; each test holds them to the rule readers see, worked out from the articles
alone: live articles carrying the tag or the byline, newest first, ties by id.
"""

import datetime

import feedparser
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, live_q
from articles.services import publish_article, save_article
from articles.tests.factories import ArticleFactory, hours_ago
from authors.tests.factories import AuthorFactory, staff_user
from media.tests.admin_forms import resubmit

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    """A tag and an author whose pages the tests read."""
    return Tag.objects.create(name="Air defence", slug="air-defence"), AuthorFactory(slug="jane-example")


def tag_url(tag) -> str:
    return reverse("reader:tag", kwargs={"slug": tag.slug})


def author_url(author) -> str:
    return reverse("reader:author", kwargs={"slug": author.slug})


def listed(client, url: str) -> list[int]:
    """Every article a listing shows, page after page through its "Show More" links."""
    shown = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        shown += [article.pk for article in response.context["page"].items]
        url = response.context["next_url"]
    return shown


def expected(**relation) -> list[int]:
    """The list as the articles' own columns define it."""
    live = Article.objects.filter(live_q(), **relation).order_by("-published_at", "-pk")
    return list(live.values_list("pk", flat=True))


def on_pages(client, tag, author) -> tuple[list[int], list[int]]:
    return listed(client, tag_url(tag)), listed(client, author_url(author))


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_pages_and_feeds_list_the_live_articles_newest_first_through_every_cursor(client, desk):
    tag, author = desk
    tied = hours_ago(30)
    for n in range(26):  # two pages of twenty, ties included
        ArticleFactory(published_at=tied if n % 3 == 0 else hours_ago(n + 2), authors=[author], tags=[tag])
    for state in ({"draft": True}, {"scheduled": True}, {"unpublished": True}, {"in_review": True}):
        ArticleFactory(**state, authors=[author], tags=[tag])
    ArticleFactory(tags=[tag], authors=True)
    ArticleFactory(authors=[author], tags=["Elsewhere"])
    tag_page, author_page = on_pages(client, tag, author)
    assert tag_page == expected(tagged_items__tag=tag) and len(tag_page) == 27
    assert author_page == expected(bylines__author=author) and len(author_page) == 27
    for url, relation in (
        (reverse("feeds:rss-tag", kwargs={"slug": tag.slug}), {"tagged_items__tag": tag}),
        (reverse("feeds:atom-author", kwargs={"slug": author.slug}), {"bylines__author": author}),
    ):
        titles = [entry.title for entry in feedparser.parse(client.get(url).content).entries]
        headlines = Article.objects.in_bulk(expected(**relation)[:30])
        assert titles == [headlines[pk].headline for pk in expected(**relation)[:30]]


def test_publishing_and_unpublishing_in_the_admin_move_the_article_on_its_pages(client, editor, desk):
    tag, author = desk
    older = ArticleFactory(published_at=hours_ago(5), authors=[author], tags=[tag])
    article = ArticleFactory(draft=True, authors=[author], tags=[tag])
    assert on_pages(client, tag, author) == ([older.pk], [older.pk])
    resubmit(client, change_url(article), _action="publish")
    assert on_pages(client, tag, author) == ([article.pk, older.pk], [article.pk, older.pk])
    resubmit(client, change_url(article), _action="unpublish")
    assert on_pages(client, tag, author) == ([older.pk], [older.pk])


def test_a_scheduled_article_joins_its_pages_when_its_time_comes_and_a_new_time_moves_it(client, desk):
    tag, author = desk
    editor = staff_user("ed", "Editor")
    older = ArticleFactory(published_at=hours_ago(5), authors=[author], tags=[tag])
    article = ArticleFactory(draft=True, authors=[author], tags=[tag])
    publish_article(article=article, user=editor, at=timezone.now() + datetime.timedelta(hours=3))
    assert on_pages(client, tag, author) == ([older.pk], [older.pk])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=4)):
        assert on_pages(client, tag, author) == ([article.pk, older.pk], [article.pk, older.pk])
    article.published_at = hours_ago(10)  # rescheduled to before the other story
    save_article(article=article, user=editor)
    assert on_pages(client, tag, author) == ([older.pk, article.pk], [older.pk, article.pk])


def test_a_byline_added_or_removed_in_the_admin_moves_the_author_page(client, editor, desk):
    _tag, author = desk
    article = ArticleFactory(authors=True)
    assert listed(client, author_url(author)) == []
    added = {"bylines-1-author": author.pk, "bylines-1-position": "1"}
    resubmit(client, change_url(article), _action="publish_changes", **added)
    assert author in article.authors.all()
    assert listed(client, author_url(author)) == [article.pk]
    resubmit(client, change_url(article), _action="publish_changes", **{"bylines-1-DELETE": "on"})
    assert author not in article.authors.all()
    assert listed(client, author_url(author)) == []


def test_a_tag_added_or_removed_in_the_admin_or_through_taggit_moves_the_tag_page(client, editor, desk):
    tag, _author = desk
    article = ArticleFactory(authors=True, tags=["Energy"])
    other = ArticleFactory(published_at=hours_ago(3), authors=True)
    resubmit(client, change_url(article), _action="publish_changes", tags='Energy, "Air defence"')
    assert listed(client, tag_url(tag)) == [article.pk]
    resubmit(client, change_url(article), _action="publish_changes", tags="Energy")
    assert listed(client, tag_url(tag)) == []
    other.tags.add(tag)
    article.tags.set([tag, "Energy"])
    assert listed(client, tag_url(tag)) == [article.pk, other.pk]
    other.tags.remove(tag)
    assert listed(client, tag_url(tag)) == [article.pk]
    article.tags.clear()
    assert listed(client, tag_url(tag)) == []


def test_later_pages_and_the_feeds_cost_what_the_first_page_costs(client, newsroom, query_budget):
    """Every further page of a tag or an author is one keyset query on its join table's
    index, and the bylines of its cards one more, however many articles there are."""
    newsroom(25)
    urls = []
    for url in (
        reverse("reader:tag", kwargs={"slug": "drone-production"}),
        reverse("reader:author", kwargs={"slug": "jane-example"}),
    ):
        urls += [url, client.get(url).context["next_url"]]
    urls += [
        reverse("feeds:rss-tag", kwargs={"slug": "drone-production"}),
        reverse("feeds:atom-author", kwargs={"slug": "jane-example"}),
    ]
    counts = query_budget(client, urls, lambda: newsroom(40, published_at=hours_ago(3)), at_most=10, warm=True)
    assert counts[urls[1]] == counts[urls[0]]  # a later page: no count, no offset
