# scipark — two commands: `make run` (set up and serve the demo) and `make test` (set up and test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/scipark
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run setup db demo test lint typecheck check pytest pytest-sqlite pytest-postgres bench soak messages translations clean

run: setup db  ## set up everything, build the demo park if the database is empty, serve on 127.0.0.1:8000 with the task worker
	@$(MANAGE) demo_accounts
	$(PY) -m scipark.cli run $(HOST):$(PORT)

setup: $(VENV)/.installed node_modules/.installed messages  ## virtualenv, pinned packages, front-end assets

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p scipark/core/static/vendor/tom-select && cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.bootstrap5.min.css scipark/core/static/vendor/tom-select/
	@touch $@

messages: $(VENV)/.installed  ## compile the translation catalogues (.po -> .mo) without needing gettext
	@$(PY) scripts/compile_messages.py

db: setup  ## migrate the SQLite database under var/ and build the demo park when it is empty
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) demo --if-empty

demo: setup
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) demo

test: setup lint typecheck check pytest  ## everything CI runs

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy scipark bench tests

check: setup
	DJANGO_SETTINGS_MODULE=scipark.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=scipark.settings.test $(MANAGE) makemigrations --check --dry-run
	SCIPARK_SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-value-for-the-check DJANGO_SETTINGS_MODULE=scipark.settings.production $(MANAGE) check --deploy --fail-level WARNING

pytest: pytest-sqlite pytest-postgres

pytest-sqlite: setup
	$(BIN)/pytest -q -p no:cacheprovider -n 2 --dist worksteal

# The browser walks test the pages' behaviour in chromium, the same on either back end: they run on SQLite
# (docs/adr/0017-one-suite-two-back-ends.md). PG_PYTEST_ARGS= (empty) runs them on PostgreSQL too.
PG_PYTEST_ARGS ?= -m "not browser"

pytest-postgres: setup  ## the suite on PostgreSQL when one is reachable (CI requires it), browser walks excepted
	@if $(PY) scripts/pg_available.py "$${TEST_DATABASE_URL:-$(PG_URL)}"; then \
		TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$(PG_URL)}" $(BIN)/pytest -q -p no:cacheprovider -n 2 --dist worksteal $(PG_PYTEST_ARGS); \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable: CI must test both back ends" >&2; exit 1; \
	else echo "SKIPPED: PostgreSQL tests (no server at $${TEST_DATABASE_URL:-$(PG_URL)})"; fi

bench: setup  ## every benchmark at a size that finishes in minutes: NAME ratio=R goal=G
	$(PY) -m bench

soak: setup  ## 10 minutes of mixed reads and writes as the demo personas against gunicorn on PostgreSQL
	$(PY) -m bench.soak --minutes 10

APP_CATALOGUE_DIRS = $(patsubst %/locale,%,$(wildcard scipark/*/locale))

translations: setup  ## after changing UI strings: refresh the catalogues (needs gettext's xgettext), then translate
	$(MANAGE) makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --ignore=bench --no-obsolete \
		$(foreach d,$(APP_CATALOGUE_DIRS),--ignore=$(d))
	@# An app with its own locale/ keeps its strings there; run without settings so only that folder is read.
	@for d in $(APP_CATALOGUE_DIRS); do \
		(cd $$d && env -u DJANGO_SETTINGS_MODULE $(CURDIR)/$(BIN)/django-admin makemessages -l en --no-obsolete) || exit 1; \
	done
	@$(PY) scripts/compile_messages.py

clean:
	rm -rf $(VENV) node_modules var .mypy_cache .ruff_cache
