"""The shape of the house: every app imports only the apps below it.

    reader, demo, archive  →  articles  →  authors  →  media  →  richtext
    reader, demo, archive  →  pages  →  richtext   (About us, Contact, the policies)
    reader                 →  resilience   (keeping the site up when a dependency fails)
    reader                 →  accounts     (signing in; the client's address)

``accounts`` (signing in) stands beside them and needs none of them. ``bench`` (the
benchmark, not an app) measures the site from outside, over HTTP and Django's test
client, and imports none of them either.

A lower app that needs something from a higher one asks through a registry or a
signal the higher app fills in its ``AppConfig.ready()``; it never imports it. The
project package ``newsroom`` (settings, URLs, WSGI) sits on top and nothing imports
it. Tests obey the same arrows as the code they test.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each app, and the apps it may import (besides itself).
ALLOWED = {
    "resilience": {"richtext"},
    "richtext": set(),
    "pages": {"richtext"},
    "accounts": set(),
    "bench": set(),
    "media": {"richtext"},
    "authors": {"media", "richtext"},
    "articles": {"authors", "media", "richtext"},
    "reader": {"articles", "authors", "media", "richtext", "resilience", "accounts", "pages"},
    "demo": {"articles", "authors", "media", "richtext", "pages"},
    "archive": {"articles", "authors", "media", "richtext", "pages"},
    "newsroom": {
        "reader",
        "demo",
        "archive",
        "articles",
        "authors",
        "media",
        "richtext",
        "resilience",
        "accounts",
        "pages",
    },
}
APPS = set(ALLOWED)


def modules_of(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imported_modules(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside functions, relative imports resolved."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            # "from . import listeners" imports a module, not a name.
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def imported_apps(path: Path) -> set[str]:
    return {name.split(".")[0] for name in imported_modules(path)} & APPS


def find_cycles(graph: dict[str, set[str]]) -> list[str]:
    cycles = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for target in sorted(graph.get(node, ())):
                if target == start:
                    cycles.append(" → ".join([*trail, start]))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*trail, target]))
    return cycles


def upward_imports(app: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {other}"
        for path in modules_of(app)
        for other in sorted(imported_apps(path) - {app} - ALLOWED[app])
    ]


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_apps_import_only_the_apps_below_them(app):
    assert list(modules_of(app)), f"no modules found for {app}"
    assert upward_imports(app) == []


def test_the_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The rule would catch an upward import (so the test above can fail)."""
    app = tmp_path / "media"
    app.mkdir()
    (app / "usage.py").write_text("from articles.models import Article\nfrom .models import Image\n")
    (app / "tests").mkdir()
    (app / "tests" / "test_x.py").write_text("from ..views import upload\nfrom reader import views\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert upward_imports("media") == ["media/tests/test_x.py imports reader", "media/usage.py imports articles"]


def test_no_import_cycles_between_modules():
    """No module imports itself back through others, at import time or inside functions."""
    paths = [path for app in sorted(APPS) for path in modules_of(app)]
    graph = {module_name(path): imported_modules(path) for path in paths}
    graph = {name: targets & set(graph) - {name} for name, targets in graph.items()}
    assert find_cycles(graph) == []


def test_the_cycle_check_sees_a_cycle():
    graph = {"a.models": {"a.search"}, "a.search": {"a.models"}, "a.views": {"a.models"}}
    assert find_cycles(graph) == ["a.models → a.search → a.models", "a.search → a.models → a.search"]
