"""The benchmark of the public site: ``make bench`` and ``make bench-scale`` (``python -m bench``).

Plain Python, not a Django app: it seeds a scratch PostgreSQL database, serves Newsroom,
a constant-response Django view (the ceiling) and a comparable Wagtail site with gunicorn,
loads every public page type with wrk in interleaved rounds, and writes the figures to
docs/performance.md. docs/performance.md says what is measured and how.
"""
