# Two commands: `make run` serves the demo, `make test` runs the whole suite. Both install what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: PDF rendering (fonts incl. Arabic), translations, and the browser for tests.
RUN_DEBIAN := gettext libharfbuzz-subset0 fonts-noto-core fonts-dejavu-core
TEST_DEBIAN := $(RUN_DEBIAN) chromium poppler-utils redis-server
# Load generator and reverse proxy for bench/bench_installation.py (page latency under load with wrk, behind nginx as deployed).
BENCH_DEBIAN := wrk nginx-light

.PHONY: run test lint install install-dev system system-test messages migrate demo serve bench guide-screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3

$(VENV)/.runtime: requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev node_modules/.installed

system:
	@scripts/ensure-debian-packages.sh $(RUN_DEBIAN)

system-test:
	@scripts/ensure-debian-packages.sh $(TEST_DEBIAN)

# Compiled .mo files are built here, never committed.
messages: install
	@$(BIN)/dialogwerk compilemessages --ignore=.venv --ignore=node_modules -v0

migrate: install
	$(BIN)/dialogwerk migrate --noinput -v1

demo: migrate
	$(BIN)/dialogwerk seed_demo

serve:
	HOST=$(HOST) PORT=$(PORT) scripts/serve.sh

run: system install messages demo
	@echo "Dialogwerk runs on http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	$(MAKE) --no-print-directory serve

# The guards of the codebase (pyproject.toml): lint, import order, a complexity ceiling, formatting, and the
# types of the pure modules and services; CI runs them with the tests.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# The suite runs on one process per core (pytest-xdist; each with its own test database and Redis keys):
# PYTEST_WORKERS=0 runs it in this process, e.g. to debug with --pdb.
PYTEST_WORKERS ?= auto
test: system-test install-dev messages lint
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest --numprocesses $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Every benchmark in bench/, figures into bench/results.json. BENCH_ARGS=--quick for a short run.
bench: install-dev messages
	@scripts/ensure-debian-packages.sh $(BENCH_DEBIAN)
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

# Regenerate the user guide's pictures (docs/guide/bilder/) from the demo data.
guide-screenshots: system-test install-dev messages
	GUIDE_SCREENSHOTS=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest tests/e2e/test_guide_screenshots.py

clean:
	rm -rf $(VENV) node_modules staticfiles var/test-*
