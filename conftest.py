"""Fixtures every app's tests share: isolation, fast passwords, people, a newsroom, budgets."""

import os
import shutil
import threading
from dataclasses import dataclass, field

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread
from django.test.utils import CaptureQueriesContext, override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Servers a fault test starts for itself (``own_redis``, ...).
pytest_plugins = ["resilience.testing"]

# Property-based fuzz tests (marked "fuzz"): "ci", the default, keeps them to a few
# seconds each in the suite, the same examples every run; "fuzz" (`make fuzz`,
# HYPOTHESIS_PROFILE=fuzz) runs them long. They share Django's client and database
# fixtures between examples on purpose: each example checks its own outcome.
_FUZZ_SHARED = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("ci", max_examples=25, database=None, derandomize=True, **_FUZZ_SHARED)
hypothesis_settings.register_profile("fuzz", max_examples=2_000, **_FUZZ_SHARED)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """MD5 instead of PBKDF2: the suite creates users by the hundred, and hashing them
    properly took about 30 % of its time. Never outside tests."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads made by tests go to a temporary folder, never into var/uploads."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests run with DEBUG off but without `collectstatic`: skip the manifest."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (Redis is shared between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_address(settings):
    """The public address differs from the test client's host, as it does behind a proxy."""
    settings.SITE_URL = "https://news.example"
    settings.SITE_NAME = "The Example Times"
    return settings.SITE_URL


# People -------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _signed_in(client, username: str, role: str):
    from authors.tests.factories import staff_user

    user = staff_user(username, role)
    client.force_login(user)
    return user


@pytest.fixture
def reporter(client, db):
    """A reporter, signed in on ``client``."""
    return _signed_in(client, "rita", "Reporter")


@pytest.fixture
def editor(client, db):
    """An editor, signed in on ``client``."""
    return _signed_in(client, "ed", "Editor")


@pytest.fixture
def photo_editor(client, db):
    """A photo editor, signed in on ``client``."""
    return _signed_in(client, "pat", "Photo editor")


# A newsroom ---------------------------------------------------------------------


@dataclass
class Newsroom:
    """A section, an author and a tag, and ``publish`` for articles under all three."""

    section: object
    author: object
    tag: object
    published: list = field(default_factory=list)

    def publish(self, count: int = 1, **fields) -> list:
        """``count`` live articles in the section, by the author and a second one, with
        a lead photo and the tag (plus "Economy"); ``fields`` override the article's."""
        from articles.tests.factories import ArticleFactory
        from authors.tests.factories import AuthorFactory
        from media.tests.factories import ImageFactory

        articles = [
            ArticleFactory(
                **{"section": self.section, "lead_image": ImageFactory(), **fields},
                authors=[self.author, AuthorFactory(name="John Second")],
                tags=[self.tag, "Economy"],
            )
            for _ in range(count)
        ]
        self.published.extend(articles)
        return articles

    __call__ = publish


@pytest.fixture
def newsroom(db):
    from taggit.models import Tag

    from articles.tests.factories import SectionFactory
    from authors.tests.factories import AuthorFactory

    return Newsroom(
        section=SectionFactory(slug="war", name="War"),
        author=AuthorFactory(name="Jane Example", slug="jane-example"),
        tag=Tag.objects.create(name="Drone production", slug="drone-production"),
    )


# Query budgets ------------------------------------------------------------------


@dataclass
class QueryBudget:
    """Counts each page's queries, grows the data, clears the cache and counts again.

    ``query_budget(client, urls, grow, at_most=N)`` fails if any page runs more queries
    once ``grow()`` has added rows (an N+1), or more than N at all; it returns the
    counts before and after, by URL. ``warm`` requests each page once before counting,
    as a live site has its caches (Most Popular ids, sidebars) warm. ``fetch(client,
    url)`` makes the request and asserts on it; by default a GET answering 200.
    """

    def __call__(self, client, urls, grow, *, at_most: int | None = None, warm: bool = False, fetch=None):
        fetch = fetch or _get_ok
        before = self._count_each(client, urls, fetch, warm)
        grow()
        from django.core.cache import cache

        cache.clear()
        after = self._count_each(client, urls, fetch, warm)
        for url in urls:
            assert after[url] <= before[url], f"{url}: {before[url]} queries, {after[url]} once the data grew"
            if at_most is not None:
                assert before[url] <= at_most, f"{url}: {before[url]} queries, over the budget of {at_most}"
        return {url: (before[url], after[url]) for url in urls}

    @staticmethod
    def _count_each(client, urls, fetch, warm: bool) -> dict[str, int]:
        counts = {}
        for url in urls:
            if warm:
                fetch(client, url)
            with CaptureQueriesContext(connection) as queries:
                fetch(client, url)
            counts[url] = len(queries)
        return counts


def _get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def query_budget():
    return QueryBudget()


# Announcements --------------------------------------------------------------------


@dataclass
class SentEvents:
    """What ``articles.events`` announced while ``capture()`` was open, as if the test's
    transaction had committed (pytest-django never commits it)."""

    capture_on_commit: object
    sent: list = field(default_factory=list)

    def __post_init__(self):
        from articles import events

        names = ("article_published", "article_scheduled", "article_unpublished", "article_changed", "article_deleted")
        self.signals = {name: getattr(events, name) for name in names}

    def capture(self):
        import contextlib

        @contextlib.contextmanager
        def capturing():
            receivers = {}
            for name, signal in self.signals.items():
                receivers[name] = self._recorder(name)
                signal.connect(receivers[name], weak=False)
            try:
                with self.capture_on_commit(execute=True):
                    yield self
            finally:
                for name, signal in self.signals.items():
                    signal.disconnect(receivers[name])

        return capturing()

    def _recorder(self, name):
        def record(sender, event, **kwargs):
            self.sent.append((name, event))

        return record

    @property
    def names(self) -> list[str]:
        return [name for name, _event in self.sent]

    def of(self, article) -> list[str]:
        return [name for name, event in self.sent if event.article_id == article.pk]


@pytest.fixture
def sent_events(django_capture_on_commit_callbacks):
    return SentEvents(django_capture_on_commit_callbacks)


# A real browser ----------------------------------------------------------------------


class OneRequestAtATimeWSGIServer(ThreadedWSGIServer):
    """The live server, answering one request at a time when its threads share a connection.

    With the in-memory SQLite test database every request thread uses the test's own
    connection, and two requests at once (two browser tabs, a heartbeat beside a save)
    break each other's statements. Connections stay threaded (keep-alive works); only
    the application runs one request at a time. PostgreSQL runs them side by side.
    """

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                result = application(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()

        return super().set_app(one_at_a_time)


@pytest.fixture(scope="session", autouse=True)
def live_server_one_request_at_a_time():
    LiveServerThread.server_class = OneRequestAtATimeWSGIServer


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class WatchedBrowser:
    """Chromium, noting each Content-Security-Policy violation its pages report.

    Every browser test fails if a page broke the policy (``no_policy_violations``):
    CKEditor, the admin and the site must work under it, not merely load.
    """

    def __init__(self, chromium):
        self._chromium = chromium
        self.policy_violations: list[str] = []

    def __getattr__(self, name):
        return getattr(self._chromium, name)

    def new_context(self, **options):
        context = self._chromium.new_context(**options)
        context.on("console", self._note)
        return context

    def new_page(self, **options):
        page = self._chromium.new_page(**options)
        page.context.on("console", self._note)
        return page

    def _note(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.policy_violations.append(f"{message.page.url if message.page else '?'}: {message.text}")


@pytest.fixture(autouse=True)
def no_policy_violations(request):
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    browser.policy_violations.clear()
    yield
    assert browser.policy_violations == [], "Content-Security-Policy violations"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright; the test is skipped, with the reason, without them.

    No test tool downloads a browser: `.ci/run` installs Chromium with apt.
    """
    if not shutil.which(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    # Playwright's sync API keeps an event loop running in this thread; the test's own
    # database work is still synchronous, so tell Django not to refuse it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield WatchedBrowser(chromium)
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL the tests' commits don't wait for the disk (synchronous_commit off):
    the test database is thrown away, and flushing it after each transactional test
    was most of the PostgreSQL run's waiting."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        database.setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
