"""What a bench run is told through the environment (the Makefile passes it on)."""

import os
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/newsroom_bench"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value.replace("_", "").replace(",", "")) if value else default


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    return float(value) if value else default


@dataclass(frozen=True)
class Config:
    articles: int = 100_000
    duration: float = 10.0
    rounds: int = 3
    database_url: str = DEFAULT_DATABASE
    redis_url: str = "redis://127.0.0.1:6379/9"
    peer: bool = True
    peer_database_url: str = "postgres://postgres@127.0.0.1:5432/newsroom_bench_wagtail"
    peer_redis_url: str = "redis://127.0.0.1:6379/10"
    seed: int = 1
    connections: int = 8
    threads: int = 2
    workers: int = 2
    cold_requests: int = 20
    cold_urls: int = 20_000
    deep_pages: int = 80
    memory_requests: int = 10_000
    document: Path = ROOT / "docs" / "performance.md"
    scale_sizes: tuple[int, ...] = (10_000, 1_000_000)

    @classmethod
    def from_environment(cls) -> "Config":
        defaults = cls()
        return cls(
            articles=env_int("BENCH_ARTICLES", defaults.articles),
            duration=env_float("BENCH_DURATION", defaults.duration),
            rounds=env_int("BENCH_ROUNDS", defaults.rounds),
            database_url=os.environ.get("BENCH_DATABASE_URL") or defaults.database_url,
            redis_url=os.environ.get("BENCH_REDIS_URL") or defaults.redis_url,
            peer=os.environ.get("BENCH_PEER", "1").strip() not in {"0", "no", "false", "off"},
            peer_database_url=os.environ.get("BENCH_PEER_DATABASE_URL") or defaults.peer_database_url,
            peer_redis_url=os.environ.get("BENCH_PEER_REDIS_URL") or defaults.peer_redis_url,
            seed=env_int("BENCH_SEED", defaults.seed),
            connections=env_int("BENCH_CONNECTIONS", defaults.connections),
            threads=env_int("BENCH_THREADS", defaults.threads),
            workers=env_int("BENCH_WORKERS", defaults.workers),
            cold_requests=env_int("BENCH_COLD_REQUESTS", defaults.cold_requests),
            memory_requests=env_int("BENCH_MEMORY_REQUESTS", defaults.memory_requests),
            deep_pages=env_int("BENCH_DEEP_PAGES", defaults.deep_pages),
            document=Path(os.environ.get("BENCH_DOCUMENT") or defaults.document),
            scale_sizes=tuple(
                int(size.replace("_", "")) for size in os.environ.get("BENCH_SCALE_SIZES", "10000 1000000").split()
            ),
        )

    def for_scale(self, articles: int) -> "Config":
        """The same run at another archive size, in a database of its own, without the peer."""
        base = self.database_url.rsplit("/", 1)[0]
        return replace(self, articles=articles, database_url=f"{base}/newsroom_bench_{short(articles)}", peer=False)


def short(count: int) -> str:
    """10000 → "10k", 1000000 → "1m", 2500 → "2500"."""
    for unit, suffix in ((1_000_000, "m"), (1_000, "k")):
        if count >= unit and count % unit == 0:
            return f"{count // unit}{suffix}"
    return str(count)
