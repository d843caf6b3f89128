"""``make bench``: seed, serve, load every public page type, report (docs/performance.md).

One run: the Newsroom archive (seeded or reused), the ceiling and the Wagtail peer are
served side by side with gunicorn; every page is measured once per round, warm and cold,
the sites interleaved; the figures are the medians over the rounds. ``make bench-scale``
(``python -m bench scale``) runs it at each of ``BENCH_SCALE_SIZES`` without the peer and
compares the latencies.
"""

import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_plus

from . import database, links, stats, wrk
from .config import ROOT, Config, short
from .report import table, update_document
from .servers import Server

VAR = ROOT / "var" / "bench"
NEWSROOM_PYTHON = ROOT / ".venv" / "bin" / "python"
PEER_PYTHON = ROOT / ".venv-wagtail" / "bin" / "python"
PEER_ROOT = ROOT / "bench" / "wagtail_peer"
# What the peer's archive depends on: a change here reseeds it (its templates do not).
PEER_SEEDING = [PEER_ROOT / "news" / name for name in ("models.py", "migrations", "management")]
# Searches over the seeded vocabulary (demo/words.py, demo/copy/): a word in most
# articles, a place named in about one article in 500, and a phrase.
SEARCHES = {
    "search-common": ("search, a common word", "government"),
    "search-rare": ("search, a rare word", "Izmail"),
    "search-phrase": ("search, a two-word phrase", '"power grid"'),
}
# Warm requests per second as a share of the ceiling's (issue 11).
CEILING_TARGETS = {
    "front": 0.10,
    "article": 0.10,
    "section": 0.10,
    "section-deep": 0.10,
    "tag": 0.10,
    "author": 0.10,
    "latest": 0.10,
    "rss": 0.05,
    "sitemap": 0.05,
}
COLD_PEER_FACTOR = 3.0  # front page and article, cold: at least 3× the Wagtail peer
SEARCH_TARGET_MS = 100
SCALE_TARGET = 1.3
WARM_UP_REQUESTS = 5
PRIME_ARTICLES = 200
MEMORY_STRETCH = 20  # seconds


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(part) for part in parts) + "\n")
    sys.stdout.flush()


@dataclass
class Page:
    key: str
    label: str
    path: str
    # Distinct addresses of the same type for the cold walk; empty: the cold loop on ``path``.
    cold_paths: list[str] = field(default_factory=list)


@dataclass
class Site:
    name: str
    server: Server
    pages: list[Page]
    python: Path
    query_env: dict[str, str]


@dataclass
class Measurement:
    rps: float | None
    p50: float | None
    p99: float | None
    requests: int
    errors: int
    method: str


# -- preparing the databases -------------------------------------------------------------


def newsroom_env(config: Config, *, port: int | None = None) -> dict[str, str]:
    name = database.name_of(config.database_url)
    env = {
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DEBUG": "0",
        "SECRET_KEY": bench_secret(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": config.database_url,
        "REDIS_URL": config.redis_url,
        "MEDIA_ROOT": str(VAR / name / "uploads"),
        "STATIC_ROOT": str(VAR / "static"),
        "LOG_LEVEL": "WARNING",
    }
    if port is not None:
        env["SITE_URL"] = f"http://127.0.0.1:{port}"
    return env


def peer_env(config: Config) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "peer.settings",
        "DEBUG": "0",
        "SECRET_KEY": bench_secret(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": config.peer_database_url,
        "REDIS_URL": config.peer_redis_url,
        "MEDIA_ROOT": str(VAR / database.name_of(config.peer_database_url) / "media"),
        "STATIC_ROOT": str(VAR / "peer-static"),
    }


def bench_secret() -> str:
    """One random key per bench process: production mode refuses to start without one."""
    if not hasattr(bench_secret, "key"):
        bench_secret.key = "bench-" + secrets.token_urlsafe(40)
    return bench_secret.key


def manage(python: Path, cwd: Path, env: dict[str, str], *arguments: str) -> None:
    subprocess.run([str(python), "manage.py", *arguments], cwd=cwd, env={**os.environ, **env}, check=True)


def prepare_newsroom(config: Config) -> dict:
    """Migrate always; seed only when the database does not hold exactly this seed."""
    if database.ensure_database(config.database_url):
        say(f"Created the database {database.name_of(config.database_url)}.")
    env = newsroom_env(config)
    manage(NEWSROOM_PYTHON, ROOT, env, "migrate", "--noinput", "-v0")
    wanted = database.Seed(config.articles, config.seed, database.fingerprint(ROOT / "demo"))
    if database.recorded_seed(config.database_url) == wanted and (
        database.count(config.database_url, "articles_article") == config.articles
    ):
        say(f"Reusing the {config.articles:,} articles already seeded in {database.name_of(config.database_url)}.")
        seeding = {"seeded": False}
    else:
        say(f"Seeding {config.articles:,} articles into {database.name_of(config.database_url)}…")
        started = time.monotonic()
        manage(
            NEWSROOM_PYTHON,
            ROOT,
            env,
            "seed_demo",
            f"--articles={config.articles}",
            f"--seed={config.seed}",
            "--reset",
            "--force",
        )
        seeded = time.monotonic() - started
        manage(NEWSROOM_PYTHON, ROOT, env, "build_renditions", "-v0")
        renditions = time.monotonic() - started - seeded
        database.record_seed(config.database_url, wanted, seconds=seeded)
        say(f"Seeded in {seeded:.1f} s, renditions built in {renditions:.1f} s.")
        seeding = {"seeded": True, "seconds": seeded, "renditions_seconds": renditions}
    manage(NEWSROOM_PYTHON, ROOT, env, "collectstatic", "--noinput", "-v0")
    return seeding


def prepare_peer(config: Config) -> dict:
    env = peer_env(config)
    wanted = database.Seed(config.articles, config.seed, database.fingerprint(*PEER_SEEDING))
    database.ensure_database(config.peer_database_url)
    if database.recorded_seed(config.peer_database_url) == wanted:
        say(f"Reusing the Wagtail peer's {config.articles:,} articles.")
        manage(PEER_PYTHON, PEER_ROOT, env, "migrate", "--noinput", "-v0")
        return {"seeded": False}
    say(f"Seeding the Wagtail peer with {config.articles:,} articles…")
    database.ensure_database(config.peer_database_url, drop=True)
    media = Path(env["MEDIA_ROOT"])
    if media.exists():
        subprocess.run(["rm", "-rf", str(media)], check=True)
    started = time.monotonic()
    manage(PEER_PYTHON, PEER_ROOT, env, "migrate", "--noinput", "-v0")
    manage(PEER_PYTHON, PEER_ROOT, env, "seed_peer", f"--articles={config.articles}", f"--seed={config.seed}")
    seconds = time.monotonic() - started
    database.record_seed(config.peer_database_url, wanted, seconds=seconds)
    return {"seeded": True, "seconds": seconds}


# -- the sites and their pages ------------------------------------------------------------


def newsroom_site(config: Config) -> Site:
    server = Server(
        name="newsroom",
        python=NEWSROOM_PYTHON,
        app="newsroom.wsgi",
        env={},
        log=VAR / "logs" / "newsroom.log",
        cwd=ROOT,
        redis_url=config.redis_url,
        workers=config.workers,
    )
    server.env = newsroom_env(config, port=server.port)
    return Site("Newsroom", server, [], NEWSROOM_PYTHON, dict(server.env))


def ceiling_site(config: Config) -> Site:
    server = Server(
        name="ceiling",
        python=NEWSROOM_PYTHON,
        app="bench.ceiling.wsgi",
        env={"DJANGO_SETTINGS_MODULE": "bench.ceiling.settings"},
        log=VAR / "logs" / "ceiling.log",
        cwd=ROOT,
        workers=config.workers,
    )
    return Site("ceiling", server, [Page("ceiling", "constant response (the ceiling)", "/")], NEWSROOM_PYTHON, {})


def peer_site(config: Config) -> Site:
    env = peer_env(config)
    server = Server(
        name="wagtail",
        python=PEER_PYTHON,
        app="peer.wsgi",
        env=env,
        log=VAR / "logs" / "wagtail.log",
        cwd=PEER_ROOT,
        redis_url=config.peer_redis_url,
        workers=config.workers,
    )
    return Site("Wagtail", server, [], PEER_PYTHON, {**env, "PYTHONPATH": str(PEER_ROOT)})


def fetcher(server: Server):
    def fetch(url: str) -> str:
        status, body, _ = server.get(links.path_of(url))
        if status != 200:
            raise RuntimeError(f"{server.name} answered {status} to {url}")
        return body

    return fetch


def sitemap_paths(fetch, path: str) -> list[str]:
    return [links.path_of(location) for location in links.sitemap_locations(fetch(path))]


def discover_newsroom(site: Site, config: Config) -> None:
    """Every public page type, found as a crawler finds them: sitemaps and "Show More" links."""
    fetch = fetcher(site.server)
    index = sitemap_paths(fetch, "/sitemap.xml")
    article_maps = [path for path in index if path.startswith("/sitemaps/articles.xml")]
    articles: list[str] = []
    for sitemap in reversed(article_maps):  # oldest first: the last page has the newest
        articles += reversed(sitemap_paths(fetch, sitemap))
        if len(articles) >= config.cold_urls:
            break
    sections = sitemap_paths(fetch, "/sitemaps/sections.xml")
    tags = sitemap_paths(fetch, "/sitemaps/tags.xml")
    authors = sitemap_paths(fetch, "/sitemaps/authors.xml")
    chain = [links.path_of(url) for url in links.follow_next(fetch, sections[0], config.deep_pages)]
    site.pages = [
        Page("front", "front page", "/"),
        Page("article", "article", articles[0], articles[: config.cold_urls]),
        Page("section", "section, first page", sections[0], sections),
        Page("section-deep", f"section, {len(chain) - 1} pages deep", chain[-1], chain[len(chain) // 2 :]),
        Page("tag", "tag", tags[0], tags),
        Page("author", "author", authors[0], authors),
        Page("latest", "latest", "/latest/"),
        *[Page(key, label, f"/search/?q={quote_plus(query)}") for key, (label, query) in SEARCHES.items()],
        Page("rss", "RSS feed", "/feeds/rss/"),
        Page("sitemap", "sitemap page (5,000 articles)", article_maps[0]),
    ]


def discover_peer(site: Site, config: Config) -> None:
    fetch = fetcher(site.server)
    articles = database.peer_article_paths(config.peer_database_url, config.cold_urls)
    sections, tags = database.peer_listing_paths(config.peer_database_url)
    chain = [links.path_of(url) for url in links.follow_next(fetch, sections[0], config.deep_pages)]
    site.pages = [
        Page("front", "front page", "/"),
        Page("article", "article", articles[0], articles),
        Page("section", "section, first page", sections[0], sections),
        Page("section-deep", f"section, {len(chain) - 1} pages deep", chain[-1], chain[len(chain) // 2 :]),
        Page("tag", "tag", tags[0], tags),
    ]


def prime(site: Site) -> None:
    """Each page once, and the newest articles: every answer must be a 200. On the peer this
    also makes the image renditions, which Wagtail renders on first use (Newsroom's are
    built by build_renditions after seeding)."""
    connection = site.server.connect()
    for page in site.pages:
        for path in [page.path, *page.cold_paths[:PRIME_ARTICLES]]:
            status, _, _ = site.server.get(path, connection)
            if status != 200:
                raise RuntimeError(f"{site.name} answered {status} to {path}")
    connection.close()


# -- measuring -----------------------------------------------------------------------------


def from_wrk(result: wrk.WrkResult, method: str) -> Measurement:
    return Measurement(result.requests_per_second, result.p50_ms, result.p99_ms, result.requests, result.errors, method)


def measure_warm(site: Site, page: Page, config: Config) -> Measurement:
    """A page-cache miss with the application's caches warm: after a few requests."""
    connection = site.server.connect()
    for _ in range(WARM_UP_REQUESTS):
        site.server.get(page.path, connection)
    connection.close()
    result = wrk.run(
        site.server.base_url + page.path,
        duration=config.duration,
        connections=config.connections,
        threads=config.threads,
    )
    return from_wrk(result, "wrk")


def measure_cold(site: Site, page: Page, config: Config) -> Measurement:
    """Every cache flushed and fresh workers; then either wrk walking distinct addresses of
    the type, or (a single address) one request at a time with the cache flushed before each."""
    site.server.restart_cold()
    if len(page.cold_paths) > 1:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths:
            paths.write("\n".join(page.cold_paths) + "\n")
        try:
            result = wrk.run(
                site.server.base_url + page.path,
                duration=config.duration,
                connections=config.connections,
                threads=config.threads,
                urls_file=Path(paths.name),
            )
        finally:
            Path(paths.name).unlink()
        method = f"walk of {len(page.cold_paths):,}"
        if result.requests > len(page.cold_paths):
            method += f" (×{result.requests / len(page.cold_paths):.1f})"
        return from_wrk(result, method)
    timings, errors = [], 0
    connection = site.server.connect()
    for _ in range(config.cold_requests):
        site.server.flush_cache()
        status, _, elapsed = site.server.get(page.path, connection)
        timings.append(elapsed)
        errors += status != 200
    connection.close()
    return Measurement(
        rps=1000 / statistics.mean(timings),
        p50=statistics.median(timings),
        p99=percentile(timings, 99),
        requests=len(timings),
        errors=errors,
        method=f"first {len(timings)}, flushed each",
    )


def percentile(values: list[float], rank: int) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[rank - 1]


def run_rounds(sites: list[Site], config: Config) -> dict[str, dict[str, dict[str, list[Measurement]]]]:
    """Each page once per round, warm and cold, Newsroom, the ceiling and the peer interleaved.
    Cold first: the round ends on warm pages, so "after the full run" means well-used workers."""
    results = {site.name: {page.key: {"warm": [], "cold": []} for page in site.pages} for site in sites}
    for number in range(1, config.rounds + 1):
        for mode, measure in (("cold", measure_cold), ("warm", measure_warm)):
            for site in sites:
                for page in site.pages:
                    if mode == "cold" and site.name == "ceiling":
                        continue
                    measurement = measure(site, page, config)
                    results[site.name][page.key][mode].append(measurement)
                    say(
                        f"  round {number}/{config.rounds} {mode:<4} {site.name:<8} {page.label:<36}"
                        f" {stats.rate(measurement.rps):>7} req/s  p50 {stats.milliseconds(measurement.p50):>8}"
                        f"  p99 {stats.milliseconds(measurement.p99):>8}"
                        + (f"  {measurement.errors} ERRORS" if measurement.errors else "")
                    )
    return results


def summarise(measurements: list[Measurement]) -> dict:
    return {
        "rps": stats.median(m.rps for m in measurements),
        "p50": stats.median(m.p50 for m in measurements),
        "p99": stats.median(m.p99 for m in measurements),
        "errors": sum(m.errors for m in measurements),
        "method": measurements[-1].method if measurements else "",
        "rounds": [asdict(m) for m in measurements],
    }


def count_queries(site: Site, *, explain: bool) -> dict[str, dict]:
    request = {"pages": {page.key: page.path for page in site.pages}, "explain": explain}
    finished = subprocess.run(
        [str(site.python), "-m", "bench.queries"],
        cwd=ROOT,
        env={**os.environ, **site.query_env},
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if finished.returncode:
        raise RuntimeError(f"counting {site.name}'s queries failed:\n{finished.stderr}")
    return json.loads(finished.stdout)


def memory_run(site: Site, config: Config) -> dict:
    """Fresh workers that are never recycled, a pass over every page, then ``memory_requests``
    requests mixed over all page types (distinct addresses where the type has them), sent by
    wrk in stretches of ``MEMORY_STRETCH`` seconds until that many have been answered."""
    site.server.stop()
    site.server.start(GUNICORN_MAX_REQUESTS="0")
    prime(site)
    after_warm_up = site.server.worker_memory()
    pools = [page.cold_paths or [page.path] for page in site.pages]
    mixed = [pool[index % len(pool)] for index in range(config.memory_requests) for pool in pools]
    mixed = mixed[: config.memory_requests]
    requests = errors = 0
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as paths:
        paths.write("\n".join(mixed) + "\n")
    try:
        while requests < config.memory_requests:
            result = wrk.run(
                site.server.base_url + "/",
                duration=MEMORY_STRETCH,
                connections=config.connections,
                threads=config.threads,
                urls_file=Path(paths.name),
                offset=requests,
            )
            if not result.requests:
                raise RuntimeError(f"{site.name} stopped answering during the memory run")
            requests += result.requests
            errors += result.errors
    finally:
        Path(paths.name).unlink()
    after = site.server.worker_memory()
    site.server.stop()
    return {
        "after_warm_up": list(after_warm_up.values()),
        "after_mixed": list(after.values()),
        "requests": requests,
        "errors": errors,
    }


# -- reporting -----------------------------------------------------------------------------


def first_value(path: str, prefix: str, separator: str) -> str | None:
    """The value of the first line of ``path`` that starts with ``prefix`` (/proc and /etc files)."""
    for line in Path(path).read_text().splitlines():
        if line.startswith(prefix):
            return line.split(separator, 1)[1].strip().strip('"')
    return None


def machine(config: Config) -> dict[str, str]:
    cpu = first_value("/proc/cpuinfo", "model name", ":") or platform.processor()
    memory_kb = int((first_value("/proc/meminfo", "MemTotal", ":") or "0 kB").split()[0])
    os_name = first_value("/etc/os-release", "PRETTY_NAME", "=") or platform.system()
    commit = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": f"{memory_kb / 1024 / 1024:.0f} GiB",
        "os": f"{os_name}, Linux {platform.release()}",
        "postgresql": database.server_version(config.database_url),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
    }


def target_note(key: str, summary: dict, ceiling_rps: float | None) -> str:
    if key in CEILING_TARGETS:
        share = stats.ratio(summary["warm"]["rps"], ceiling_rps)
        goal = CEILING_TARGETS[key]
        return f"≥ {goal * 100:.0f} %: {'yes' if share is not None and share >= goal else 'no'}"
    if key.startswith("search"):
        p50 = summary["warm"]["p50"]
        return f"< {SEARCH_TARGET_MS} ms: {'yes' if p50 is not None and p50 < SEARCH_TARGET_MS else 'no'}"
    return ""


def megabytes(values: list[float | None]) -> str:
    return ", ".join(f"{value:.0f}" for value in values if value is not None) + " MB"


def render(report: dict) -> str:
    config = report["config"]
    newsroom, ceiling = report["sites"]["Newsroom"], report["sites"]["ceiling"]["ceiling"]
    ceiling_rps = ceiling["warm"]["rps"]
    queries = report["queries"].get("Newsroom", {})
    rows = []
    for key, page in newsroom.items():
        counts = queries.get(key, {})
        rows.append(
            [
                page["label"],
                f"`{page['path'][:48]}`",
                stats.rate(page["warm"]["rps"]),
                stats.milliseconds(page["warm"]["p50"]),
                stats.milliseconds(page["warm"]["p99"]),
                stats.percent(stats.ratio(page["warm"]["rps"], ceiling_rps)),
                target_note(key, page, ceiling_rps),
                stats.rate(page["cold"]["rps"]),
                stats.milliseconds(page["cold"]["p50"]),
                stats.milliseconds(page["cold"]["p99"]),
                f"{counts.get('warm', '–')} / {counts.get('cold', '–')}",
            ]
        )
    rows.append(
        [
            "constant response (the ceiling)",
            "`/`",
            stats.rate(ceiling_rps),
            stats.milliseconds(ceiling["warm"]["p50"]),
            stats.milliseconds(ceiling["warm"]["p99"]),
            "100 %",
            "",
            "",
            "",
            "",
            "0 / 0",
        ]
    )
    header = ["page", "address", "req/s", "p50", "p99", "÷ ceiling", "target", "cold req/s", "cold p50", "cold p99"]
    lines = [
        f"### {config['articles']:,} articles",
        "",
        f"{report['machine']['date']}, commit `{report['machine']['commit']}`: {report['machine']['cpu']}, "
        f"{report['machine']['cores']} cores, {report['machine']['memory']} RAM, {report['machine']['os']}, "
        f"PostgreSQL {report['machine']['postgresql']}. gunicorn with {config['workers']} sync workers, wrk with "
        f"{config['connections']} connections and {config['threads']} threads, {config['duration']:g} s per page "
        f"per round, median of {config['rounds']} rounds.",
        "",
        table([*header, "queries warm / cold"], rows, align="ll"),
        "",
        "Cold: "
        + "; ".join(sorted({f"{page['label']}: {page['cold']['method']}" for page in newsroom.values()}))
        + ".",
    ]
    errors = [
        f"{site} {key} ({mode}): {page[mode]['errors']}"
        for site, pages in report["sites"].items()
        for key, page in pages.items()
        for mode in ("warm", "cold")
        if page.get(mode) and page[mode]["errors"]
    ]
    if errors:
        lines += ["", "**Errors** (non-2xx answers, socket errors, timeouts): " + "; ".join(errors) + "."]
    peer = report["sites"].get("Wagtail")
    if peer:
        peer_queries = report["queries"].get("Wagtail", {})
        peer_rows = []
        for key, page in peer.items():
            ours = newsroom[key]
            cold_ratio = stats.ratio(ours["cold"]["rps"], page["cold"]["rps"])
            goal = ""
            if key in {"front", "article"}:
                goal = f"≥ {COLD_PEER_FACTOR:g}×: {'yes' if cold_ratio and cold_ratio >= COLD_PEER_FACTOR else 'no'}"
            counts = peer_queries.get(key, {})
            peer_rows.append(
                [
                    page["label"],
                    stats.rate(ours["warm"]["rps"]),
                    stats.rate(page["warm"]["rps"]),
                    stats.milliseconds(page["warm"]["p50"]),
                    stats.rate(ours["cold"]["rps"]),
                    stats.rate(page["cold"]["rps"]),
                    stats.milliseconds(page["cold"]["p50"]),
                    stats.times(cold_ratio),
                    goal,
                    f"{counts.get('warm', '–')} / {counts.get('cold', '–')}",
                ]
            )
        lines += [
            "",
            "Beside the Wagtail 8 peer (`bench/wagtail_peer/`, the same archive size and server settings):",
            "",
            table(
                [
                    "page",
                    "Newsroom req/s",
                    "Wagtail req/s",
                    "Wagtail p50",
                    "Newsroom cold req/s",
                    "Wagtail cold req/s",
                    "Wagtail cold p50",
                    "cold: Newsroom ÷ Wagtail",
                    "target",
                    "Wagtail queries warm / cold",
                ],
                peer_rows,
                align="l",
            ),
        ]
    seeding = report["seeding"]
    if seeding.get("seeded"):
        seeded = (
            f"Seeding: {seeding['seconds']:.0f} s for `seed_demo --articles {config['articles']}` "
            f"(then {seeding['renditions_seconds']:.0f} s for `build_renditions`)."
        )
    else:
        seeded = "Seeding: reused the archive of an earlier run (the same seed and `demo/` code)."
    peer_seeding = report.get("peer_seeding") or {}
    if peer_seeding.get("seeded"):
        seeded += f" The Wagtail peer: {peer_seeding['seconds']:.0f} s (migrations included)."
    memory = report["memory"]
    lines += ["", seeded, ""]
    if "error" in memory:
        lines.append(
            f"Worker memory (VmRSS): {megabytes(memory['after_run'])} after the run; the 10,000-request run "
            f"failed: {memory['error']}"
        )
        return "\n".join(lines)
    lines += [
        f"Worker memory (VmRSS): {megabytes(memory['after_run'])} after the run (workers recycled every ~1,000 "
        f"requests, as in production); workers never recycled (`GUNICORN_MAX_REQUESTS=0`): "
        f"{megabytes(memory['after_warm_up'])} after a pass over every page, {megabytes(memory['after_mixed'])} "
        f"after {memory['requests']:,} more requests mixed over all page types (target < 250 MB).",
    ]
    return "\n".join(lines)


def render_plans(report: dict) -> str:
    pages = report["queries"].get("Newsroom", {})
    labels = {key: page["label"] for key, page in report["sites"]["Newsroom"].items()}
    lines = [
        f"### Query plans at {report['config']['articles']:,} articles",
        "",
        "Every query a cold request of each page runs (cache just cleared), through `EXPLAIN`; flagged when a "
        "plan reads one of the archive's tables (articles, bylines, tags, renditions) by sequential scan.",
        "",
    ]
    flagged = 0
    for key, result in pages.items():
        scans = [query for query in result.get("queries", []) if query["seq_scans"]]
        if not scans:
            lines.append(f"- {labels.get(key, key)}: {result['cold']} queries, no sequential scan.")
            continue
        flagged += len(scans)
        lines.append(f"- {labels.get(key, key)}: {result['cold']} queries, {len(scans)} with a sequential scan:")
        for query in scans:
            lines += ["", "  ```sql", f"  {query['sql'][:2000]}", "  ```", "", "  ```"]
            lines += [f"  {line}" for line in query["plan"].splitlines()]
            lines += ["  ```", ""]
    lines += ["", f"Sequential scans on those tables: {flagged or 'none'}."]
    return "\n".join(lines)


def write_plans_file(report: dict, path: Path) -> None:
    with path.open("w") as out:
        for site, pages in report["queries"].items():
            for key, result in pages.items():
                out.write(f"== {site} {key}: {result['cold']} queries cold, {result['warm']} warm\n")
                for query in result.get("queries", []):
                    flag = f"  SEQ SCAN on {', '.join(query['seq_scans'])}" if query["seq_scans"] else ""
                    out.write(f"\n-- {query['sql']}{flag}\n{query['plan']}\n")
                out.write("\n")


# -- the runs ------------------------------------------------------------------------------


def bench(config: Config) -> dict:
    wrk.require_wrk()
    VAR.mkdir(parents=True, exist_ok=True)
    say(f"== bench: {config.articles:,} articles in {database.name_of(config.database_url)}")
    seeding = prepare_newsroom(config)
    peer_seeding = prepare_peer(config) if config.peer else None
    sites = [newsroom_site(config), ceiling_site(config)]
    if config.peer:
        sites.append(peer_site(config))
    try:
        for site in sites:
            site.server.flush_cache()
            site.server.start()
        discover_newsroom(sites[0], config)
        if config.peer:
            discover_peer(sites[2], config)
        for site in sites:
            prime(site)
        say("== queries per request (in-process, Django's test client)")
        measured = [site for site in sites if site.name != "ceiling"]
        queries = {site.name: count_queries(site, explain=site.name == "Newsroom") for site in measured}
        for site in measured:
            for page in site.pages:
                counts = queries[site.name][page.key]
                say(f"  {site.name:<8} {page.label:<36} {counts['warm']:>3} warm, {counts['cold']:>3} cold")
        say(f"== {config.rounds} rounds")
        results = run_rounds(sites, config)
        after_run = sites[0].server.worker_memory()
        say("== memory: fresh workers, never recycled")
        try:
            memory = memory_run(sites[0], config)
        except (RuntimeError, subprocess.SubprocessError) as error:  # the figures above still count
            say(f"  the memory run failed: {error}")
            memory = {"error": str(error)}
        memory["after_run"] = list(after_run.values())
    finally:
        for site in sites:
            site.server.stop()
    report = {
        "config": {key: value for key, value in asdict(config).items() if key not in {"document", "scale_sizes"}},
        "machine": machine(config),
        "seeding": seeding,
        "peer_seeding": peer_seeding,
        "queries": queries,
        "memory": memory,
        "sites": {
            site.name: {
                page.key: {
                    "label": page.label,
                    "path": page.path,
                    **{mode: summarise(results[site.name][page.key][mode]) for mode in ("warm", "cold")},
                }
                for page in site.pages
            }
            for site in sites
        },
    }
    size = config.articles
    (VAR / f"results-{short(size)}.json").write_text(json.dumps(report, indent=1, default=str))
    write_plans_file(report, VAR / f"plans-{short(size)}.txt")
    rendered, plans = render(report), render_plans(report)
    update_document(config.document, {f"bench:{size}": rendered, f"bench-plans:{size}": plans})
    say("", rendered, "", plans, "", f"Written to {config.document}; every plan in {VAR / f'plans-{short(size)}.txt'}.")
    return report


def scale_ratios(small: dict, large: dict) -> list[dict]:
    """Per page type: the median p50 latency at the large size ÷ at the small one, warm and cold."""
    rows = []
    for key, page in large["sites"]["Newsroom"].items():
        before = small["sites"]["Newsroom"].get(key)
        if before is None:
            continue
        rows.append(
            {
                "key": key,
                "label": page["label"],
                "warm": (
                    before["warm"]["p50"],
                    page["warm"]["p50"],
                    stats.ratio(page["warm"]["p50"], before["warm"]["p50"]),
                ),
                "cold": (
                    before["cold"]["p50"],
                    page["cold"]["p50"],
                    stats.ratio(page["cold"]["p50"], before["cold"]["p50"]),
                ),
            }
        )
    return rows


def render_scale(small: dict, large: dict) -> str:
    low, high = small["config"]["articles"], large["config"]["articles"]
    rows = []
    for row in scale_ratios(small, large):
        warm_before, warm_after, warm_ratio = row["warm"]
        _, _, cold_ratio = row["cold"]
        held = "yes" if warm_ratio is not None and warm_ratio <= SCALE_TARGET else "no"
        rows.append(
            [
                "section, deep page" if row["key"] == "section-deep" else row["label"],
                stats.milliseconds(warm_before),
                stats.milliseconds(warm_after),
                stats.times(warm_ratio),
                f"≤ {SCALE_TARGET}×: {held}",
                stats.times(cold_ratio),
            ]
        )
    return "\n".join(
        [
            f"### Flat cost: {high:,} ÷ {low:,} articles",
            "",
            f"Median p50 latency of each page type, warm, at {low:,} and at {high:,} articles "
            f"({large['machine']['date']}, commit `{large['machine']['commit']}`); the cold column is the same ratio "
            "for the cold figures.",
            "",
            table(
                ["page", f"p50 at {short(low)}", f"p50 at {short(high)}", "ratio", "target", "cold ratio"],
                rows,
                align="l",
            ),
        ]
    )


def scale(config: Config) -> None:
    reports = [bench(config.for_scale(size)) for size in config.scale_sizes]
    sizes = sorted(reports, key=lambda report: report["config"]["articles"])
    rendered = render_scale(sizes[0], sizes[-1])
    update_document(config.document, {"bench-scale": rendered})
    say("", rendered, "", f"Written to {config.document}.")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    config = Config.from_environment()
    if argv[:1] == ["scale"]:
        scale(config)
    elif not argv or argv[:1] == ["run"]:
        bench(config)
    else:
        say("usage: python -m bench [run|scale]")
        return 2
    return 0
