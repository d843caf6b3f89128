"""Issue 9, finding 2: what a request gets when the database fails under it, on any backend.

The outage is simulated in-process here (every new cursor fails as an unreachable
server's would); test_database_outage.py stages a real one on PostgreSQL.
"""

import logging

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from resilience.log_filters import DatabaseOutageOncePerInterval


@pytest.fixture
def unreachable_database(transactional_db):
    def refuse(self):
        raise OperationalError('connection to server at "db.internal" failed: Connection refused')

    with pytest.MonkeyPatch.context() as patch:  # undone before the database is flushed
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        yield


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def test_a_reader_gets_a_styled_503_with_retry_after(unreachable_database, visitor):
    response = visitor.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "back in a moment" in page and "/static/css/site.css" in page


def test_an_editor_is_told_the_database_is_unavailable(unreachable_database, visitor):
    visitor.cookies["sessionid"] = "an-editors-session"
    response = visitor.get("/admin/articles/article/")
    assert response.status_code == 503
    assert "The database is unavailable" in response.content.decode()


def test_other_errors_are_still_a_500(db, visitor, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("reader.views.LatestView.get", broken)
    response = visitor.get("/latest/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_an_outage_is_logged_once_per_interval_not_per_request(unreachable_database, visitor, caplog):
    logger = logging.getLogger("django.request")
    assert any(isinstance(f, DatabaseOutageOncePerInterval) for h in logger.handlers for f in h.filters)
    once = DatabaseOutageOncePerInterval(interval=60)
    caplog.handler.addFilter(once)
    logger.addHandler(caplog.handler)
    try:
        for _ in range(20):
            visitor.get("/")
    finally:
        logger.removeHandler(caplog.handler)
        caplog.handler.removeFilter(once)
    outage_lines = [r for r in caplog.records if r.name == "django.request"]
    assert len(outage_lines) == 1
    assert "database is unavailable" in outage_lines[0].getMessage() and outage_lines[0].exc_info is None
