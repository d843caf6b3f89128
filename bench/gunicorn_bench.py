"""Newsroom's gunicorn.conf.py, unchanged, plus a hook that tells the bench when each worker
is ready. Newsroom, the ceiling and the Wagtail peer are all started with this file, so
they run with the same server settings (``WEB_CONCURRENCY``, ``GUNICORN_MAX_REQUESTS``…)."""

import contextlib
import os
from pathlib import Path

_PRODUCTION = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
exec(compile(_PRODUCTION.read_text(), str(_PRODUCTION), "exec"))


def post_worker_init(worker):
    """A file per worker once it has loaded the application: the bench waits for them."""
    ready = os.environ.get("BENCH_READY_DIR")
    if ready:
        # A worker that replaces another later finds the folder gone: it must boot all the same.
        with contextlib.suppress(OSError):
            Path(ready, str(worker.pid)).touch()
