# EGF website. `make` alone lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
ARTICLES ?= 40

.DEFAULT_GOAL := help
.PHONY: help install lock lint format translations migrate seed run test bench-pages bench-search stack stack-stop bench-stack search-engine search-engine-stop s3 s3-stop clean

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

run: seed ## Set up and serve the demo site at http://$(HOST):$(PORT) (admin at /admin/), with the scheduler
	$(PY) manage.py create_demo_admin
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH HOST=$(HOST) $(VENV)/bin/honcho -f deploy/Procfile.dev -d . start -p $(PORT)

test: install translations lint ## Set up and run lint, checks and the whole test suite
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest $(PYTEST_ARGS)

bench-pages: install ## Load-test key pages with wrk, uncached and through Varnish, then time deep pages in-process (ARTICLES=N, default 10,000)
	$(PY) manage.py bench_pages $(if $(filter environment command line,$(origin ARTICLES)),--articles $(ARTICLES)) $(BENCH_ARGS)

bench-search: install translations ## Time reindexing and 200 mixed searches on the engine (OPENSEARCH_URL) and the database
	mkdir -p var/bench
	DEBUG=false SEARCH_INDEX_PREFIX=egf_bench_ MEDIA_ROOT=$(CURDIR)/var/bench/media \
	DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/var/bench/bench.sqlite3} \
	$(PY) manage.py bench_search $(BENCH_ARGS)

stack: install translations ## Start the production shape on loopback: PostgreSQL, Redis, OpenSearch, S3, 2 app servers, worker, scheduler, Varnish
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

clean: ## Remove the virtualenv, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media static_collected
