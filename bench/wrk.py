"""Running wrk and reading what it prints."""

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

WALK_SCRIPT = Path(__file__).with_name("walk.lua")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
# Behind the TLS proxy that production has: no redirect to HTTPS, the secure code path.
HEADERS = ("X-Forwarded-Proto: https",)


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    errors: int  # non-2xx/3xx answers, socket errors and timeouts


def duration_ms(text: str) -> float:
    """wrk's durations: "395.00us", "1.07ms", "2.01s", "1.50m"."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text.strip())
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * UNITS[match[2]]


def parse(output: str) -> WrkResult:
    """The figures of one run of ``wrk --latency``."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    total = re.search(r"^\s*(\d+) requests in ", output, re.MULTILINE)
    if not rps or not total:
        raise ValueError("wrk printed no result:\n" + output)
    percentiles = dict(re.findall(r"^\s+(50|99)(?:\.0+)?%\s+(\S+)[ \t]*$", output, re.MULTILINE))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    errors = int(non_2xx[1]) if non_2xx else 0
    errors += sum(int(count) for count in sockets.groups()) if sockets else 0
    requests = int(total[1])
    return WrkResult(
        requests_per_second=float(rps[1]),
        p50_ms=duration_ms(percentiles["50"]) if requests and "50" in percentiles else None,
        p99_ms=duration_ms(percentiles["99"]) if requests and "99" in percentiles else None,
        requests=requests,
        errors=errors,
    )


def require_wrk() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise SystemExit("make bench needs wrk, the HTTP load generator: apt-get install wrk")
    return path


def run(
    url: str,
    *,
    duration: float,
    connections: int = 8,
    threads: int = 2,
    urls_file: Path | None = None,
    offset: int = 0,
) -> WrkResult:
    """Load ``url`` for ``duration`` seconds; with ``urls_file``, walk its paths one by one instead
    (from ``offset`` on)."""
    command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{duration:g}s", "--latency", "--timeout", "60s"]
    for header in HEADERS:
        command += ["-H", header]
    if urls_file is not None:
        command += ["-s", str(WALK_SCRIPT), url, "--", str(urls_file), str(offset)]
    else:
        command.append(url)
    # wrk stops itself after ``duration``; the margin is for a server that stopped answering.
    finished = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 120)
    return parse(finished.stdout)
