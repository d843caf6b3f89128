"""Servers a test starts for itself, on a free loopback port, and stops by their own PID.

Fault tests stop or freeze these, never the shared services.
"""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class OwnRedis:
    """A redis-server of the test's own: ``stop()`` it, or ``freeze()`` it to make it hang."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "OwnRedis":
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        workdir = tempfile.mkdtemp(prefix="own-redis-")
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                workdir,
                "--logfile",
                os.path.join(workdir, "redis.log"),
            ],  # fmt: skip
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def freeze(self) -> None:
        """Redis keeps its socket open but answers nothing: a hanging server."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def forgiving_cache_settings(url: str, *, retry_after: float = 0.5) -> dict:
    """The project's Redis cache configuration (newsroom.settings), pointed at ``url``."""
    return {
        "default": {
            "BACKEND": "resilience.cache.ForgivingRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "fault-test",
            "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25, "RETRY_AFTER": retry_after},
        }
    }


@pytest.fixture
def own_redis():
    server = OwnRedis().start()
    try:
        yield server
    finally:
        server.stop()
