# EGF website. `make` alone lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
ARTICLES ?= 40

.DEFAULT_GOAL := help
.PHONY: help install lock lint format translations migrate seed run test test-faults bench-pages bench-search bench-import stack stack-stop bench-stack search-engine search-engine-stop s3 s3-stop page-checkers clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-19s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the pinned requirements (run time, tests, tools)

lock: install ## Re-pin requirements/*.txt from the direct dependencies in requirements/*.in
	cd requirements && ../$(PY) -m piptools compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url base.in -o base.txt
	cd requirements && ../$(PY) -m piptools compile --quiet --strip-extras --no-emit-find-links --no-emit-index-url dev.in -o dev.txt

lint: install ## ruff: lint and check formatting (make format rewrites)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the tree and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

translations: install ## Compile the gettext catalogues (no GNU gettext needed)
	$(PY) manage.py compile_translations

migrate: install translations ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Build the demo site (ARTICLES=N articles, default 40); keeps existing content
	$(PY) manage.py seed_demo --articles $(ARTICLES)

# Links in mails, feeds and the admin's set-up link name the address make run serves.
run: export SITE_BASE_URL ?= http://$(HOST):$(PORT)
run: seed ## Set up and serve the demo site at http://$(HOST):$(PORT) (admin at /admin/), with the scheduler
	$(PY) manage.py create_demo_admin
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH HOST=$(HOST) $(VENV)/bin/honcho -f deploy/Procfile.dev -d . start -p $(PORT)

test: install translations lint ## Set up and run lint, checks and the whole test suite
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory page-checkers; else echo "npm not found: the page checks (axe-core, Nu HTML Checker) will skip"; fi
	$(PY) -m pytest $(PYTEST_ARGS)

test-faults: install ## On the running stack: stop and kill its services one by one, read through Varnish meanwhile, print the table (stops PostgreSQL: run alone, last)
	$(PY) -m pytest -m faults -s -q -rs tests/test_stack_faults.py

bench-pages: install ## Load-test key pages with wrk, uncached and through Varnish, then time deep pages in-process (ARTICLES=N, default 10,000)
	$(PY) manage.py bench_pages $(if $(filter environment command line,$(origin ARTICLES)),--articles $(ARTICLES)) $(BENCH_ARGS)

# bench-search: ARTICLES=N on the command line or in the environment; 10,000 when not given.
SEARCH_ARTICLES = $(if $(filter file,$(origin ARTICLES)),10000,$(ARTICLES))
BENCH_SEARCH = DEBUG=false SEARCH_INDEX_PREFIX=$${SEARCH_INDEX_PREFIX:-egf_bench_} MEDIA_ROOT=$(CURDIR)/var/bench/media \
	$(PY) manage.py bench_search --articles $(SEARCH_ARTICLES) $(BENCH_ARGS)

bench-search: install translations ## Time reindexing, 200 mixed searches, suggestions and word forms on SQLite, PostgreSQL and the engine (OPENSEARCH_URL); ARTICLES=100000 for 100,000
	mkdir -p var/bench
	DATABASE_URL=sqlite:///$(CURDIR)/var/bench/search-$(SEARCH_ARTICLES).sqlite3 $(BENCH_SEARCH)
	DATABASE_URL=$${BENCH_POSTGRES_URL:-postgres://egf:egf@127.0.0.1:5432/egf_bench_search_$(SEARCH_ARTICLES)} $(BENCH_SEARCH)

bench-import: install translations ## Time importing RECORDS synthetic archive records (default 10000) into a fresh db (SQLite under var/, or BENCH_DATABASE_URL)
	$(PY) -m archive.bench $(RECORDS)

stack: install translations ## Start the production shape on loopback: PostgreSQL, Redis, OpenSearch, S3, Varnish, and under supervisord 2 app servers, worker, scheduler
	deploy/stack.sh start

stack-stop: ## Stop everything make stack started
	deploy/stack.sh stop

bench-stack: install ## Load the running stack through Varnish and directly, 60 s at 16 connections (BENCH_ARGS="--duration N")
	DEMO_APP=true $(PY) manage.py bench_stack $(BENCH_ARGS)

search-engine: ## Build (Maven) and start a local OpenSearch node on 127.0.0.1:9250 (OPENSEARCH_PORT)
	search/engine/run.sh start

search-engine-stop: ## Stop the local OpenSearch node
	search/engine/run.sh stop

s3: ## Build (Go) and start the local S3 server (SeaweedFS) on 127.0.0.1:8333 (S3_PORT)
	deploy/s3/run.sh start

s3-stop: ## Stop the local S3 server
	deploy/s3/run.sh stop

# The page checkers of tests/test_page_checks.py, from npm into var/node/ (no install scripts run:
# vnu-jar's would fetch a Java of its own; the machine's Java 11+ runs vnu.jar).
AXE_CORE_VERSION := 4.11.4
VNU_JAR_VERSION := 26.9.27
var/node/.installed-$(AXE_CORE_VERSION)-$(VNU_JAR_VERSION):
	mkdir -p var/node
	npm install --prefix var/node --ignore-scripts --no-audit --no-fund --no-save axe-core@$(AXE_CORE_VERSION) vnu-jar@$(VNU_JAR_VERSION)
	touch $@

page-checkers: var/node/.installed-$(AXE_CORE_VERSION)-$(VNU_JAR_VERSION) ## Install axe-core and the Nu HTML Checker (npm) for the page checks

clean: ## Remove the virtualenv, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media static_collected
