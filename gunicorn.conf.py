"""Gunicorn's settings for Newsroom in production: ``gunicorn -c gunicorn.conf.py``.

Gunicorn also reads this file by itself when started from the project's folder. Each
value can be set from the environment; the defaults suit a small server.

Workers are recycled: a worker that has made the renditions of a large photo keeps the
memory it took (CPython and the C allocator rarely hand it back to the system), so each
one is replaced after ``max_requests`` requests, give or take ``max_requests_jitter`` so
that they do not all restart at once.
"""

import os

wsgi_app = "newsroom.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Two per CPU: requests wait on the database as much as they compute. Each worker may
# hold a few hundred megabytes after a large upload, which recycling gives back.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "100"))
# Long enough for an upload of the largest photo accepted (50 megapixels) and its
# renditions; a worker stuck for longer is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Behind a reverse proxy that keeps connections open to gunicorn.
keepalive = 5
