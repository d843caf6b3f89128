"""Feeds and sitemaps kept rendered (reader.kept_documents), never stale."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.services import save_article
from articles.tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)  # announcements come after commit

DOCUMENTS = ["/feeds/rss/", "/feeds/atom/", "/sitemap.xml", "/sitemaps/articles.xml", "/sitemaps/news.xml"]


@pytest.fixture
def story():
    return ArticleFactory(headline="Factory opens", section=SectionFactory(slug="war", name="War"))


@pytest.mark.parametrize("url", DOCUMENTS)
def test_a_kept_document_costs_no_query_and_is_the_same(client, story, url):
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert second.status_code == 200 and second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert len(queries) == 0


def test_a_saved_headline_is_in_the_feed_at_once(client, story):
    assert b"Factory opens" in client.get("/feeds/rss/").content
    story.headline = "Factory closes"
    save_article(article=story)
    feed = client.get("/feeds/rss/").content
    assert b"Factory closes" in feed and b"Factory opens" not in feed


def test_a_scheduled_story_enters_the_feed_when_it_goes_live(client, story):
    later = timezone.now() + datetime.timedelta(hours=2)
    ArticleFactory(headline="Scheduled story", section=story.section, published_at=later)
    assert b"Scheduled story" not in client.get("/feeds/rss/").content
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        assert b"Scheduled story" in client.get("/feeds/rss/").content


def test_without_the_shared_cache_documents_are_rendered_fresh(client, story, monkeypatch):
    from reader import kept_documents

    monkeypatch.setattr(kept_documents.cache, "get", lambda *args, **kwargs: None)
    monkeypatch.setattr(kept_documents.cache, "add", lambda *args, **kwargs: False)
    assert b"Factory opens" in client.get("/feeds/rss/").content
    story.headline = "Factory closes"
    story.save()  # no announcement at all: nothing kept, so nothing stale
    assert b"Factory closes" in client.get("/feeds/rss/").content


def test_a_scheduled_story_enters_the_kept_front_page_when_it_goes_live(client, story):
    later = timezone.now() + datetime.timedelta(hours=2)
    ArticleFactory(headline="Scheduled story", section=story.section, published_at=later)
    assert "Scheduled story" not in client.get("/").content.decode()
    with time_machine.travel(later + datetime.timedelta(minutes=1)):
        with CaptureQueriesContext(connection) as queries:
            assert "Scheduled story" in client.get("/").content.decode()
        assert queries  # the blocks were gathered again
        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        assert len(queries) == 0  # and kept again, until the next one
