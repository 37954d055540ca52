# The index of Resguardo's commands. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test lint fmt bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $@ $(VENV)/.installed

# The checkers the tests run (axe-core, the Nu HTML Checker, the MDN HTTP Observatory),
# pinned in package-lock.json. --ignore-scripts: vnu-jar's install script would download a
# Java runtime (we use the system's), the Observatory's Chromium's HSTS preload list: it gets
# an empty one (nothing is preloaded, true of a test server), so it scans offline.
# Without npm the checker tests are skipped (CI fails them).
OBSERVATORY_PRELOAD := node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --ignore-scripts --no-audit --no-fund && echo '{}' > $(OBSERVATORY_PRELOAD) \
		&& touch $@; \
	else echo "npm is missing: the HTML, accessibility and HTTP header checks will be skipped"; fi

## Install, migrate, load the seed library if the catalogue is empty, and serve.
run: $(VENV)/.installed
	$(BIN)/resguardo setup
	$(BIN)/resguardo serve

## Install what the tests need and run the whole suite (DATABASE_URL picks the database).
test: $(VENV)/.installed-test node_modules/.installed
	DATA_DIR=$(CURDIR)/data/test SECRET_KEY=tests-only $(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check resguardo bench
	DATA_DIR=$(CURDIR)/data/test SECRET_KEY=lint-only $(BIN)/mypy resguardo \
		--exclude 'tests/|conftest|migrations'

fmt: $(VENV)/.installed-test
	$(BIN)/ruff format resguardo bench
	$(BIN)/ruff check --fix resguardo bench

## Benchmarks print figures (they take a while: they build a 100,000-resource library).
## One part alone: make bench BENCH_ARGS="--backend sqlite --only weight,slownet,rps".
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data/test node_modules
