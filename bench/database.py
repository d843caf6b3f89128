"""The bench's PostgreSQL databases: created when missing, reseeded only when their seed changed.

Each database remembers what it was seeded with in a one-row table ``bench_seed`` (not a
Django model: the applications never see it): the number of articles, the seed, and a
fingerprint of the code that seeds (``demo/`` for Newsroom, the peer's app for Wagtail),
so a changed seeding program reseeds while an unchanged one reuses the archive.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


@dataclass(frozen=True)
class Seed:
    articles: int
    seed: int
    fingerprint: str


def fingerprint(*places: Path) -> str:
    """A hash of the files at ``places`` and under them (names and contents), caches left out."""
    digest = hashlib.sha256()
    for place in places:
        files = [place] if place.is_file() else sorted(place.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def name_of(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def maintenance_url(url: str) -> str:
    """The same server's ``postgres`` database, to create or drop ``url``'s from."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def ensure_database(url: str, *, drop: bool = False) -> bool:
    """Create the database if it is missing (first dropping it if ``drop``); True if it was made."""
    name = name_of(url)
    with psycopg.connect(maintenance_url(url), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def recorded_seed(url: str) -> Seed | None:
    with psycopg.connect(url) as connection:
        exists = connection.execute("SELECT to_regclass('bench_seed')").fetchone()[0]
        if not exists:
            return None
        row = connection.execute("SELECT articles, seed, fingerprint FROM bench_seed").fetchone()
    return Seed(*row) if row else None


def record_seed(url: str, seed: Seed, *, seconds: float) -> None:
    with psycopg.connect(url) as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_seed (articles integer, seed integer, fingerprint text, "
            "seconds double precision, seeded_at timestamptz DEFAULT now())"
        )
        connection.execute("DELETE FROM bench_seed")
        connection.execute(
            "INSERT INTO bench_seed (articles, seed, fingerprint, seconds) VALUES (%s, %s, %s, %s)",
            [seed.articles, seed.seed, seed.fingerprint, seconds],
        )


def count(url: str, table: str) -> int:
    with psycopg.connect(url) as connection:
        return connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]


def server_version(url: str) -> str:
    with psycopg.connect(url) as connection:
        return connection.execute("SHOW server_version").fetchone()[0]


def peer_article_paths(url: str, limit: int) -> list[str]:
    """The newest Wagtail article pages' paths (their url_path less the home page's slug)."""
    with psycopg.connect(url) as connection:
        rows = connection.execute(
            "SELECT p.url_path FROM wagtailcore_page p JOIN news_articlepage a ON a.page_ptr_id = p.id "
            "WHERE p.live ORDER BY p.first_published_at DESC LIMIT %s",
            [limit],
        ).fetchall()
    return ["/" + url_path.strip("/").partition("/")[2] + "/" for (url_path,) in rows]


def peer_listing_paths(url: str) -> tuple[list[str], list[str]]:
    """The Wagtail peer's section pages and tag pages."""
    with psycopg.connect(url) as connection:
        sections = connection.execute("SELECT slug FROM wagtailcore_page WHERE depth = 3 ORDER BY path").fetchall()
        tags = connection.execute("SELECT slug FROM taggit_tag ORDER BY id").fetchall()
    return [f"/{slug}/" for (slug,) in sections], [f"/tags/{slug}/" for (slug,) in tags]
