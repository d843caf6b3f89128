# Newsroom: `make run` serves the demo newsroom, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test fuzz lint format bench clean-venv

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
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/pytest $(PYTEST_ARGS)

# The fuzz tests (marked `fuzz`) with far more examples than `make test` gives them.
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

# Seeds 100,000 articles into a scratch PostgreSQL database and times the pages.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
bench: $(VENV)/.installed-dev
	createdb -h 127.0.0.1 -U postgres newsroom_bench 2>/dev/null || true
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) MEDIA_ROOT=var/bench-uploads $(BIN)/python manage.py migrate -v0
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) MEDIA_ROOT=var/bench-uploads $(BIN)/python manage.py seed_demo --articles 100000 --reset
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) MEDIA_ROOT=var/bench-uploads $(BIN)/python manage.py bench_pages

clean-venv:
	rm -rf $(VENV)
