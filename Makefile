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

.PHONY: help install browser serve build lint check test test-fast test-browser golden bench lock deploy clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
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

test: $(STAMP) browser $(NODE_STAMP) ## Run every test, browser tests included
	$(PYTHON) -m pytest

lint: $(STAMP) ## Check the Python code with ruff
	$(BIN)/ruff check overrides tests bench scripts

check: lint test ## Everything CI runs: lint, then every test

test-fast: $(STAMP) ## Run the tests that need no browser
	$(PYTHON) -m pytest -m "not browser"

test-browser: $(STAMP) browser $(NODE_STAMP) ## Run only the browser tests
	$(PYTHON) -m pytest -m browser

golden: $(STAMP) ## Accept the current timeline rendering as the golden file
	UPDATE_GOLDEN=1 $(PYTHON) -m pytest -q tests/test_timeline_hook.py -k golden

bench: $(STAMP) browser $(NODE_STAMP) $(BENCH_STAMP) ## Run the benchmarks and write BENCHMARKS.md (about 10 minutes)
	$(PYTHON) bench/run.py

lock: ## Regenerate requirements.lock from pyproject.toml
	python3 -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links --no-header \
	  -o requirements.lock pyproject.toml
	rm -rf .venv-lock

deploy: $(STAMP) ## Publish site/ to GitHub Pages with mkdocs gh-deploy
	$(MKDOCS) gh-deploy --strict --force

clean: ## Remove the built site, caches and .venv
	rm -rf site .site-next .venv node_modules .pytest_cache .hypothesis tests/__pycache__ overrides/hooks/__pycache__
