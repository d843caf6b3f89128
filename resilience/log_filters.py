"""Logging that a flood of bad requests cannot turn into a flood of log lines.

Every request with a ``Host`` header the site does not answer to made Django log a
full traceback; a scanner sends thousands. ``OncePerInterval`` lets one record of a
kind through per interval (60 s), without the traceback, and says how many it held back.
"""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    def __init__(self, interval: float = 60.0, name: str = ""):
        super().__init__(name)
        self.interval = float(interval)
        self._lock = threading.Lock()
        self._last = 0.0
        self._held_back = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._last and now - self._last < self.interval:
                self._held_back += 1
                return False
            held_back, self._held_back, self._last = self._held_back, 0, now
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        if held_back:
            record.msg = f"{record.getMessage()} (and {held_back} more like it since the last report)"
            record.args = ()
        return True


class DatabaseOutageOncePerInterval(OncePerInterval):
    """On ``django.request``: a database outage is reported once per interval, without
    a traceback per request; every other error is logged as usual."""

    def filter(self, record: logging.LogRecord) -> bool:
        from django.db import InterfaceError, OperationalError

        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, (OperationalError, InterfaceError)):
            return True
        if not super().filter(record):
            return False
        record.msg = f"The database is unavailable, pages answer 503: {error}. {record.getMessage()}"
        record.args = ()
        return True
