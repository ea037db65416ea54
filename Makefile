# Bedoeling — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= $(or $(BEDOELING_WORKERS),1)
# The suite runs in this many processes (pytest-xdist; 0: in pytest's own). Each takes
# whole test files, so a module's shared fixture (a loaded demo, an e2e server) is built
# once, and has its own test database, Redis namespace and e2e servers.
TEST_WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

.PHONY: setup run test test-unit test-e2e bench lint messages clean help

help:
	@echo "make run    set everything up and start Bedoeling on http://$(HOST):$(PORT)"
	@echo "make test   run the whole test suite (unit, integration and browser tests)"
	@echo "make bench  measure performance (figures as ratios against a baseline)"
	@echo "make lint   ruff"

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# Some machines' pip configuration names index folders that do not exist: keep
	@# pip's exit status, drop those warnings.
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock \
		2> >(grep -v "^WARNING: Location '" >&2)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Babel's compiler (the one translators' tools use) also checks each translation's
# placeholders against its message id; a broken catalogue stops the build.
messages: $(VENV)/.installed
	for dir in bedoeling/locale bedoeling/*/locale; do \
		$(VENV)/bin/pybabel --quiet compile --domain django --directory $$dir || exit 1; \
	done

setup: $(VENV)/.installed node_modules/.installed messages

run: setup
	@ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || echo "Let op: Pango ontbreekt, \
	dus PDF-rapporten werken niet. Installeer het met: sudo apt-get install libpango-1.0-0 \
	libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo
	@echo ""
	@echo "Bedoeling draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	@echo "Deelnemers van een werksessie gaan naar http://$(HOST):$(PORT)/doe-mee/"
	@echo ""
	@# The task worker (e-mail, scheduled work) runs beside the web server; Ctrl+C, or the
	@# web server ending, stops both.
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(VENV)/bin/uvicorn bedoeling.asgi:application --host $(HOST) --port $(PORT) \
		--workers $(WORKERS) --no-access-log --timeout-graceful-shutdown 3

test: setup
	$(PYTEST) $(PYTEST_ARGS)

test-unit: setup
	$(PYTEST) -m "not e2e" $(PYTEST_ARGS)

test-e2e: setup
	$(PYTEST) e2e $(PYTEST_ARGS)

bench: setup
	$(PY) -m bench $(BENCH_ARGS)

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules var/static
