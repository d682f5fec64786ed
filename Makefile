# Every target bootstraps what it needs: a fresh machine needs only python3 and make.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV    := .venv
BIN     := $(VENV)/bin
PYTHON  := $(BIN)/python
MKDOCS  := $(BIN)/mkdocs
STAMP   := $(VENV)/.installed-from-lock
NODE_STAMP := node_modules/.installed-from-lock
CHROMIUM ?= /usr/bin/chromium

# Material 9.8 prints an end-of-life banner on every run; the README covers it.
export NO_MKDOCS_2_WARNING := 1
export CHROMIUM

# Dates in the build (the sitemap's lastmod) come from the last commit, so two
# builds of one commit are byte-identical.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: help install browser serve build offline check-data check-translations translations-current lint check test test-fast test-browser golden bench screenshots lock deploy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

# The lock first, then this project itself as an editable install: it puts
# overrides/hooks/ (the timeline package and the hooks) on .venv's path.
$(STAMP): requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(PYTHON) -m pip install --quiet --no-deps --no-build-isolation --editable .
	@touch $@

$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	@touch $@

BENCH_STAMP := bench/node_modules/.installed-from-lock
$(BENCH_STAMP): bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund --ignore-scripts
	@touch $@

install: $(STAMP) $(NODE_STAMP) ## Install the locked Python packages (.venv) and npm tools (node_modules)

browser: ## Install Chromium, poppler-utils, Java and Node from Debian if they are missing
	@bash scripts/ensure-system-tools.sh

serve: $(STAMP) ## Build and serve the site at http://127.0.0.1:8000 with live reload
	$(MKDOCS) serve --livereload --watch-theme --dev-addr 127.0.0.1:8000

# Build beside site/ and swap only on success, so a failed build leaves the
# last good site/ as it was.
build: $(STAMP) ## Build the site strictly into site/
	rm -rf .site-next
	$(MKDOCS) build --strict --site-dir .site-next
	rm -rf site && mv .site-next site

# The same, with the offline copy of every language zipped into it, as the
# about page links it (offline_copy.py builds the copy after the site).
offline: $(STAMP) ## Build the site strictly into site/, with its offline copy (a zip of every language)
	rm -rf .site-next
	OFFLINE_COPY=true $(MKDOCS) build --strict --site-dir .site-next
	rm -rf site && mv .site-next site

# The tests run in worker processes (pytest-xdist), a test file to each, but
# for the slow cases marked `spread` (tests/conftest.py): most of their time
# is a browser's or a server's, so three keep two cores busy.
TEST_JOBS ?= 3
PYTEST := $(PYTHON) -m pytest -n $(TEST_JOBS) --dist loadgroup

test: $(STAMP) browser $(NODE_STAMP) ## Run every test, browser tests included (TEST_JOBS=3 workers)
	$(PYTEST)

# FILE=path/to/timeline.yml checks another data file.
check-data: $(STAMP) ## Check the timeline data file as the build does (FILE=... for another)
	$(PYTHON) -m timeline check $(FILE)

check-translations: $(STAMP) ## List the translations whose English has changed since they were made (exit 1 if any)
	$(PYTHON) -m translations check

# FILE=docs/ko/about.md marks a translated page current; for the timeline data,
# EVENT=<id> (one or more) LANGUAGE=ko, and FIELD=description for one text only.
translations-current: $(STAMP) ## Mark an updated translation current (FILE=docs/ko/about.md, or EVENT=<id> LANGUAGE=ko)
	$(PYTHON) -m translations current $(or $(FILE),$(if $(EVENT),docs/data/timeline.yml)) \
	  $(foreach event,$(EVENT),--event $(event)) $(foreach field,$(FIELD),--field $(field)) \
	  $(if $(LANGUAGE),--language $(LANGUAGE))

lint: $(STAMP) ## Check the Python code: ruff, and mypy (strict) on the package, the hooks, bench and scripts
	$(BIN)/ruff check overrides tests bench scripts support.py
	$(BIN)/mypy overrides/hooks support.py bench scripts

check: lint test ## Everything CI runs: lint, then every test

test-fast: $(STAMP) ## Run the tests that need no browser
	$(PYTEST) -m "not browser"

test-browser: $(STAMP) browser $(NODE_STAMP) ## Run only the browser tests
	$(PYTEST) -m browser

golden: $(STAMP) ## Accept the current timeline rendering as the golden file
	UPDATE_GOLDEN=1 $(PYTHON) -m pytest -q tests/test_timeline.py -k golden

bench: $(STAMP) browser $(NODE_STAMP) $(BENCH_STAMP) ## Run the benchmarks and write BENCHMARKS.md (about 10 minutes)
	$(PYTHON) -m bench

screenshots: build browser ## Screenshot and print the built pages into bench/out/shots/ (PAGES="timeline/ ...")
	$(PYTHON) -m scripts.screenshots $(PAGES)

# Dependabot reruns this same command (it reads it from the lock's header).
lock: ## Regenerate requirements.txt, the lock, from the bounds in requirements.in
	python3 -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links --output-file=requirements.txt requirements.in
	rm -rf .venv-lock

# What `mkdocs gh-deploy` does, after `make offline`: gh-deploy would build the
# site again, without its offline copy. ghp-import comes with MkDocs.
deploy: offline ## Publish site/, with its offline copy, to GitHub Pages (the gh-pages branch)
	$(BIN)/ghp-import --no-jekyll --push --force --message "Deployed $$(git rev-parse --short HEAD) with make deploy" site

clean: ## Remove the built site, caches and .venv
	rm -rf site .site-next .venv node_modules bench/node_modules .pytest_cache .hypothesis .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
