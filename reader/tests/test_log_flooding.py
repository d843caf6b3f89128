"""Issue 9, finding 17: each bad Host header logged a full traceback."""

import logging

from django.test import Client, override_settings

from resilience.log_filters import OncePerInterval


class Collect(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(self.format(record))


@override_settings(ALLOWED_HOSTS=["news.example.org"])
def test_a_flood_of_bad_host_headers_logs_one_line_without_a_traceback(db):
    logger = logging.getLogger("django.security.DisallowedHost")
    configured = [f for handler in logger.handlers for f in handler.filters]
    assert any(isinstance(f, OncePerInterval) for f in configured) and not logger.propagate  # settings.LOGGING
    collect = Collect()
    collect.addFilter(OncePerInterval(interval=60))
    saved_handlers, saved_propagate = logger.handlers, logger.propagate
    logger.handlers, logger.propagate = [collect], False
    try:
        client = Client(HTTP_HOST="evil.example")
        statuses = {client.get("/").status_code for _ in range(50)}
    finally:
        logger.handlers, logger.propagate = saved_handlers, saved_propagate
    assert statuses == {400}
    assert len(collect.records) == 1
    assert "Traceback" not in collect.records[0] and "evil.example" in collect.records[0]


def test_the_next_report_says_how_many_were_held_back():
    once = OncePerInterval(interval=0.0)
    first = logging.LogRecord("x", logging.ERROR, __file__, 1, "bad host %s", ("a",), None)
    assert once.filter(first)
    once.interval = 60
    for _ in range(3):
        assert not once.filter(logging.LogRecord("x", logging.ERROR, __file__, 1, "bad host", (), None))
    once.interval, once._last = 60, once._last - 61
    later = logging.LogRecord("x", logging.ERROR, __file__, 1, "bad host %s", ("b",), None)
    assert once.filter(later) and "and 3 more like it" in later.getMessage()
