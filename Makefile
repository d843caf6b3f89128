# Newsroom: `make run` serves the demo newsroom, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test fuzz lint format bench bench-scale bench-tools clean-venv

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Newsroom needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the requirement files change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py seed_demo --if-empty
	DEBUG=1 $(BIN)/python manage.py build_renditions
	DEBUG=1 $(BIN)/python manage.py create_demo_accounts
	DEBUG=1 $(BIN)/python manage.py prune_autosaves
	DEBUG=1 $(BIN)/python manage.py prune_revisions
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

# The fuzz tests (marked "fuzz") with many more examples than the suite gives them.
fuzz: $(VENV)/.installed-dev
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -m fuzz $(PYTEST_ARGS)

TEMPLATES = templates

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $(TEMPLATES)

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATES)

# The benchmark (docs/performance.md, "How the bench measures"): seeds a scratch PostgreSQL
# database (BENCH_DATABASE_URL, BENCH_ARTICLES), serves Newsroom, a constant-response view and
# the Wagtail peer with gunicorn, and loads every public page type with wrk. Not part of `test`.
WAGTAIL_VENV := .venv-wagtail

$(WAGTAIL_VENV)/.installed: bench/wagtail_peer/requirements.txt
	$(PYTHON) -m venv $(WAGTAIL_VENV)
	$(WAGTAIL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(WAGTAIL_VENV)/bin/pip install --quiet -r bench/wagtail_peer/requirements.txt
	@touch $@

bench-tools:
	@command -v wrk >/dev/null 2>&1 || { echo "make bench needs wrk, the HTTP load generator: apt-get install wrk" >&2; exit 1; }

bench: bench-tools $(VENV)/.installed $(WAGTAIL_VENV)/.installed
	$(BIN)/python -m bench

# The bench at each of BENCH_SCALE_SIZES (default 10,000 and 1,000,000 articles, a database
# each), without the Wagtail peer, then each page's latency ratio between the sizes.
bench-scale: bench-tools $(VENV)/.installed
	$(BIN)/python -m bench scale

clean-venv:
	rm -rf $(VENV)
