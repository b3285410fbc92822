# Ketenwacht: `make run` sets everything up and serves the app; `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-sqlite test-postgresql test-e2e bench lint messages check-messages system-deps clean

$(VENV)/.stamp-run: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-run
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## run: install, migrate the embedded database, create the demo on first start, serve on http://$(HOST):$(PORT)
run: $(VENV)/.stamp-run
	$(BIN)/ketenwacht serve --first-run --host $(HOST) --port $(PORT)

## test: lint, translation check, database tests on SQLite and PostgreSQL, browser tests in Chromium
test: $(VENV)/.stamp-dev system-deps lint check-messages test-sqlite test-postgresql test-e2e

system-deps:
	bash scripts/system-deps.sh

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check .

check-messages: $(VENV)/.stamp-dev
	$(BIN)/python scripts/messages.py check

messages: $(VENV)/.stamp-dev
	$(BIN)/python scripts/messages.py build

test-sqlite: $(VENV)/.stamp-dev
	$(BIN)/pytest -m "not e2e" -q

test-postgresql: $(VENV)/.stamp-dev system-deps
	KETENWACHT_TEST_DATABASE=postgresql $(BIN)/pytest -m "not e2e" -q --ignore=tests/sla --ignore=tests/catalogs

test-e2e: $(VENV)/.stamp-dev system-deps
	npm ci --no-audit --no-fund --prefix tests/e2e
	$(BIN)/pytest -m e2e -q tests/e2e

## bench: performance benchmarks (not part of `make test`); results go to docs/performance.md
bench: $(VENV)/.stamp-dev
	for f in tests/bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
