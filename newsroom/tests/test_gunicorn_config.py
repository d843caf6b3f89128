"""Issue 9, finding 15: a worker never gave back the memory a large upload took, so
gunicorn recycles its workers (``max_requests`` with jitter, so they do not all
restart at once)."""

import runpy

from gunicorn.config import KNOWN_SETTINGS

from newsroom.tests.test_architecture import ROOT


def load_config() -> dict:
    names = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return {name: value for name, value in names.items() if not name.startswith("_")}


def test_workers_are_recycled_with_jitter():
    config = load_config()
    assert config["max_requests"] > 0
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["workers"] >= 1 and config["timeout"] > 0
    assert config["wsgi_app"] == "newsroom.wsgi"


def test_every_value_is_a_gunicorn_setting(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    config = load_config()
    values = {name for name, value in config.items() if not callable(value) and not hasattr(value, "__spec__")}
    assert values <= {setting.name for setting in KNOWN_SETTINGS}
    assert (config["workers"], config["bind"]) == (3, "0.0.0.0:9000")
