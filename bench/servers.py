"""Starting, restarting and stopping the gunicorn servers the bench loads, and their memory."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import redis

from .wrk import HEADERS

CONFIG = Path(__file__).with_name("gunicorn_bench.py")
READY_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry.name))
    return sorted(children)


def resident_mb(pid: int) -> float | None:
    """VmRSS of a process, in megabytes."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


@dataclass
class Server:
    """One gunicorn: its command, environment, the Redis database its cache uses, its log."""

    name: str
    python: Path
    app: str
    env: dict[str, str]
    log: Path
    cwd: Path
    redis_url: str | None = None
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, **extra_env: str) -> None:
        ready = Path(tempfile.mkdtemp(prefix=f"bench-{self.name}-"))
        env = {
            **os.environ,
            **self.env,
            **extra_env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(self.workers),
            "BENCH_READY_DIR": str(ready),
        }
        gunicorn = self.python.parent / "gunicorn"
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(gunicorn), "-c", str(CONFIG), self.app],
                cwd=self.cwd,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + READY_TIMEOUT
        while len(list(ready.iterdir())) < self.workers:
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} did not start; see {self.log}")
            time.sleep(0.05)
        shutil.rmtree(ready, ignore_errors=True)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def flush_cache(self) -> None:
        """FLUSHDB on this server's own Redis database (never another's)."""
        if self.redis_url:
            client = redis.Redis.from_url(self.redis_url)
            client.flushdb()
            client.close()

    def restart_cold(self, **extra_env: str) -> None:
        """Fresh workers and an empty cache: the cold state."""
        self.stop()
        self.flush_cache()
        self.start(**extra_env)

    def worker_memory(self) -> dict[int, float | None]:
        if self.process is None:
            return {}
        return {pid: resident_mb(pid) for pid in children_of(self.process.pid)}

    def get(self, path: str, connection: http.client.HTTPConnection | None = None) -> tuple[int, str, float]:
        """One request: its status, body and time in milliseconds."""
        own = connection is None
        connection = connection or self.connect()
        headers = dict(header.split(": ", 1) for header in HEADERS)
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if own:
            connection.close()
        return response.status, body.decode("utf-8", "replace"), elapsed

    def connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
