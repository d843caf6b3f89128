"""Settings come from the environment; check them in a fresh interpreter each time."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'connect_timeout': settings.DATABASES['default'].get('OPTIONS', {}).get('connect_timeout'), "
    "'health_checks': settings.DATABASES['default'].get('CONN_HEALTH_CHECKS'), "
    "'cache': settings.CACHES['default']['BACKEND'], 'cache_options': settings.CACHES['default'].get('OPTIONS'), "
    "'debug': settings.DEBUG, 'ssl_redirect': getattr(settings, 'SECURE_SSL_REDIRECT', False), "
    "'hsts': getattr(settings, 'SECURE_HSTS_SECONDS', 0), "
    "'tz': settings.TIME_ZONE, 'hosts': settings.ALLOWED_HOSTS, 'site': settings.SITE_NAME, "
    "'site_url': settings.SITE_URL, 'site_url_follows_request': settings.SITE_URL_FOLLOWS_REQUEST}))"
)


def run_settings(**env) -> subprocess.CompletedProcess:
    return run_python(["-c", PRINT_SETTINGS], **env)


def run_python(arguments: list[str], **env) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT", "SITE_URL"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run(
        [sys.executable, *arguments], cwd=PROJECT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_defaults_are_sqlite_in_var_and_local_memory_cache():
    result = run_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].endswith("var/db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["debug"] is False
    assert values["hosts"] == []


def test_environment_selects_postgres_redis_and_the_time_zone():
    result = run_settings(
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/newsroom",
        REDIS_URL="redis://127.0.0.1:6379/0",
        NEWSROOM_TIME_ZONE="Europe/Kyiv",
        ALLOWED_HOSTS="news.example.org, www.news.example.org",
        SITE_NAME="The Daily Example",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["health_checks"] is True
    assert values["connect_timeout"] <= 2  # an outage answers 503 fast, not after a pool's 30 s
    assert values["cache"] == "resilience.cache.ForgivingRedisCache"  # an accelerator, never a dependency
    assert values["cache_options"]["socket_timeout"] < 1 and values["cache_options"]["socket_connect_timeout"] < 1
    assert values["tz"] == "Europe/Kyiv"
    assert values["hosts"] == ["news.example.org", "www.news.example.org"]
    assert values["site"] == "The Daily Example"


@pytest.mark.django_db
def test_the_newsroom_roles_exist_after_migrate():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Reporter", "Editor", "Photo editor"}


def test_the_cache_in_use_really_works():
    """On CI's PostgreSQL run this is the real Redis."""
    from django.core.cache import cache

    cache.set("newsroom-test-key", {"a": 1}, 30)
    assert cache.get("newsroom-test-key") == {"a": 1}


PRODUCTION = {
    "SECRET_KEY": "".join(chr(c) for c in range(65, 65 + 58)),
    "ALLOWED_HOSTS": "news.example.org",
    "DEBUG": "0",
}


def test_production_is_https_only_with_hsts():
    values = json.loads(run_settings(**PRODUCTION).stdout)
    assert values["ssl_redirect"] is True
    assert values["hsts"] >= 31536000


def test_production_settings_pass_the_deploy_check():
    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_https_can_be_turned_off_to_try_a_production_build_over_http():
    values = json.loads(run_settings(**PRODUCTION, SECURE_COOKIES="0").stdout)
    assert values["ssl_redirect"] is False and values["hsts"] == 0


def test_in_development_the_site_address_follows_the_request_unless_site_url_is_set():
    """Issue 10, defect 12: `make run PORT=8101` linked to port 8000."""
    development = json.loads(run_settings(DEBUG="1").stdout)
    assert development["site_url_follows_request"] is True
    chosen = json.loads(run_settings(DEBUG="1", SITE_URL="http://news.localhost:9000/").stdout)
    assert chosen["site_url_follows_request"] is False and chosen["site_url"] == "http://news.localhost:9000"


def test_production_never_takes_the_site_address_from_the_request():
    """Behind a proxy the request's host is an internal name; production uses SITE_URL."""
    values = json.loads(run_settings(**PRODUCTION, SITE_URL="https://news.example.org").stdout)
    assert values["site_url_follows_request"] is False and values["site_url"] == "https://news.example.org"
    unset = json.loads(run_settings(**PRODUCTION).stdout)
    assert unset["site_url_follows_request"] is False and unset["site_url"] == "http://127.0.0.1:8000"
