"""Issue 9, finding 2: a database that can't be reached hung the site; now a fast 503, then recovery.

The fault test serves the site with gunicorn (DEBUG off, two workers) from the test
database, then blocks that database's connections (and ends the open ones) the way
an outage would, and unblocks it again.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from resilience.testing import free_port

PROJECT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def fetch(url: str, timeout: float = 6.0, headers: dict | None = None):
    """(status, headers, body, seconds) for a GET, errors included."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=timeout) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, headers, body.decode("utf-8", "replace"), time.monotonic() - started


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    static_root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env={**os.environ, "STATIC_ROOT": str(static_root), "DEBUG": "0"},
        check=True,
    )
    return static_root


@pytest.fixture
def served_site(collected_static, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the outage is staged on PostgreSQL (CI's PostgreSQL run)")
    settings = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(collected_static),
        "MEDIA_ROOT": str(tmp_path / "uploads"),
        "SECURE_COOKIES": "0",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=PROJECT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(base + "/", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def set_connections_allowed(database: str, allowed: bool) -> None:
    """As the server's superuser, from the maintenance database: allow or refuse connections."""
    import psycopg

    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres", autocommit=True
    ) as admin:
        admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
        if not allowed:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )


@pytest.fixture
def outage(served_site):
    database = connection.settings_dict["NAME"]
    connection.close()
    set_connections_allowed(database, False)
    try:
        yield served_site
    finally:
        set_connections_allowed(database, True)
        connection.close()


# A list reads the database on every request (the front page may be answered from
# what a worker keeps: reader.fragments).
NEEDS_THE_DATABASE = "/latest/"


def test_readers_get_a_fast_styled_503_and_static_files_still_load(outage):
    for _ in range(4):  # every request, not just the first
        status, headers, body, seconds = fetch(outage + NEEDS_THE_DATABASE)
        assert status == 503
        assert seconds < 3.0, f"took {seconds:.1f} s"
        assert headers["Retry-After"].isdigit()
        assert "no-store" in headers["Cache-Control"]
        assert "css/site" in body and "back in a moment" in body
    status, _headers, body, seconds = fetch(outage + "/static/css/site.css")
    assert status == 200 and seconds < 1.0 and "{" in body


def test_the_admin_says_the_database_is_unavailable(outage):
    # A signed-in editor: reading the session is the first thing that needs the database.
    status, _headers, body, seconds = fetch(outage + "/admin/", headers={"Cookie": "sessionid=an-editors-session"})
    assert status == 503 and seconds < 3.0
    assert "database is unavailable" in body


def test_the_site_recovers_by_itself_once_the_database_is_back(outage):
    assert fetch(outage + NEEDS_THE_DATABASE)[0] == 503
    set_connections_allowed(connection.settings_dict["NAME"], True)
    back_at = time.monotonic()
    while fetch(outage + NEEDS_THE_DATABASE)[0] != 200:
        assert time.monotonic() - back_at < 5.0, "still failing 5 s after the database came back"
        time.sleep(0.1)
    assert fetch(outage + "/admin/login/")[0] == 200
