# Everyday commands: build or serve the example site, run every check.
#
#   make site    build the example site into site/ (strict: any warning fails)
#   make serve   serve it with live reload at http://127.0.0.1:8000/
#   make test    lint, type-check and run the tests, browser tests included
#
# ENGINE chooses what builds the site: mkdocs (default: MkDocs with the `roadmap` plugin) or
# zensical (`roadmap build` writes the generated pages and a configuration without the
# plugin into build/zensical/, then Zensical builds them), e.g. `make site ENGINE=zensical`.
#
# Each step installs what it needs the first time, then only when pyproject.toml or
# package-lock.json change (stamp files inside .venv/ and node_modules/).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
ARTIFACTS ?= test-artifacts
PYTEST_ARGS ?=
ENGINE ?= mkdocs
# Zensical's project: the generated pages (docs/), their configuration and its .cache/.
ZENSICAL_DIR ?= build/zensical

PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Material prints a banner about MkDocs 2 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help site serve test lint typecheck pytest deps test-deps zensical-deps node-deps chromium report-libs clean \
	site-mkdocs serve-mkdocs site-zensical serve-zensical zensical-pages

help:
	@echo "make site   construit le site d'exemple dans site/"
	@echo "make serve  sert le site avec rechargement automatique (http://127.0.0.1:8000/)"
	@echo "make test   vérifications (ruff, mypy) et tests, navigateur compris"
	@echo "Moteur : ENGINE=mkdocs (défaut) ou ENGINE=zensical, par exemple make site ENGINE=zensical"

# --- installation -----------------------------------------------------------------------------

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip's output (build back-end warnings included) goes to a log, shown only on failure.
$(VENV)/.installed-site: pyproject.toml | $(BIN)/python
	@echo "pip install -e '.[report]' (journal : $(VENV)/pip.log)"
	@$(PIP) install -e '.[report]' >$(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@

$(VENV)/.installed-zensical: pyproject.toml | $(BIN)/python
	@echo "pip install -e '.[report,zensical]' (journal : $(VENV)/pip.log)"
	@$(PIP) install -e '.[report,zensical]' >$(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@ $(VENV)/.installed-site

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	@echo "pip install -e '.[test]' (journal : $(VENV)/pip.log)"
	@$(PIP) install -e '.[test]' >$(VENV)/pip.log 2>&1 || { cat $(VENV)/pip.log; exit 1; }
	@touch $@ $(VENV)/.installed-site $(VENV)/.installed-zensical

# `npm ci` when a lock file exists (exact versions), `npm install` otherwise.
node_modules/.installed: package.json $(wildcard package-lock.json)
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; \
	else npm install --no-audit --no-fund --loglevel=error; fi
	@touch $@

deps: $(VENV)/.installed-site
zensical-deps: $(VENV)/.installed-zensical
test-deps: $(VENV)/.installed-test
node-deps: node_modules/.installed

# The browser tests drive Debian's Chromium (test tools cannot download their own browser
# here). As root it is installed; otherwise the exact command is printed and the browser
# tests are skipped with that reason (they fail instead when CI=true).
# The council report's PDF engine (WeasyPrint) needs Pango, HarfBuzz's font subsetter and a
# font (report-libs, below).
REPORT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installation de Chromium (apt-get)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium est absent ($(CHROMIUM)) : les tests navigateur seront ignorés." >&2; \
	    echo "Pour l'installer : sudo apt-get update && sudo apt-get install -y chromium" >&2; \
	  fi; \
	fi

# As root they are installed; otherwise the command is printed, and `make site` builds the
# example without its report (ROADMAP_REPORT=false), saying so.
report-libs:
	@missing=""; for package in $(REPORT_PACKAGES); do \
	  dpkg -s "$$package" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installation de$$missing (apt-get)…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Pour le rapport de séance (PDF) : sudo apt-get install -y$$missing" >&2; \
	  fi; \
	fi

# --- site -------------------------------------------------------------------------------------

ifeq ($(filter $(ENGINE),mkdocs zensical),)
$(error ENGINE=$(ENGINE) : choisissez mkdocs ou zensical)
endif

site: site-$(ENGINE)
serve: serve-$(ENGINE)

# The example publishes its council report (mkdocs.yml: report); where WeasyPrint cannot run
# (no Pango, no root to install it), the site is built without it, and this says how to get it.
REPORT_CHECK = if ! $(BIN)/python -c 'import weasyprint' >/dev/null 2>&1; then \
	  echo "Rapport de séance non produit : WeasyPrint ne peut pas fonctionner ici (sudo apt-get install -y $(REPORT_PACKAGES))." >&2; \
	  export ROADMAP_REPORT=false; \
	fi

site-mkdocs: deps report-libs
	@$(REPORT_CHECK); echo "$(BIN)/mkdocs build --strict"; $(BIN)/mkdocs build --strict

serve-mkdocs: deps report-libs
	@$(REPORT_CHECK); echo "$(BIN)/mkdocs serve"; $(BIN)/mkdocs serve

# Zensical runs no MkDocs plugin: `roadmap build` writes what the plugin adds in memory.
# SITE_URL, ROADMAP_EDITION and the like are read by `roadmap build` (mkdocs.yml's !ENV).
zensical-pages: zensical-deps report-libs
	@$(REPORT_CHECK); $(BIN)/roadmap build --strict --out $(ZENSICAL_DIR)/docs --config-out $(ZENSICAL_DIR)/mkdocs.yml

# Built in $(ZENSICAL_DIR)/site (beside its configuration), then moved to site/.
site-zensical: zensical-pages
	cd $(ZENSICAL_DIR) && $(CURDIR)/$(BIN)/zensical build --strict -f mkdocs.yml
	rm -rf site && mv $(ZENSICAL_DIR)/site site

# Zensical reloads the pages when $(ZENSICAL_DIR)/docs changes; this loop writes it again
# each time the roadmap, the hand-written pages or mkdocs.yml change (checked every second),
# without laying out a council report again (tens of seconds): `make site` does.
serve-zensical: zensical-pages
	@$(REPORT_CHECK); cd $(ZENSICAL_DIR) && $(CURDIR)/$(BIN)/zensical serve -f mkdocs.yml & server=$$!; \
	trap 'kill $$server 2>/dev/null' EXIT; trap 'exit 0' INT TERM; \
	state() { find roadmap docs mkdocs.yml -type f -printf '%p %T@ %s\n' | sort | cksum; }; \
	last=$$(state); \
	while sleep 1; do \
	  kill -0 $$server 2>/dev/null || exit 1; \
	  now=$$(state); \
	  if [ "$$now" != "$$last" ]; then \
	    last=$$now; \
	    $(BIN)/roadmap build --reports-from-cache --out $(ZENSICAL_DIR)/docs \
	      --config-out $(ZENSICAL_DIR)/mkdocs.yml || true; \
	  fi; \
	done

# --- checks -----------------------------------------------------------------------------------

test: test-deps node-deps chromium report-libs
	@$(MAKE) lint typecheck pytest

lint: test-deps
	$(BIN)/ruff check generator tests scripts fuzz

typecheck: test-deps
	$(BIN)/mypy

# pytest exits 5 when it collected no test: that is a failure here, never a green run.
pytest: test-deps
	@mkdir -p $(ARTIFACTS)
	@status=0; $(BIN)/pytest $(PYTEST_ARGS) || status=$$?; \
	echo "$$status" > $(ARTIFACTS)/pytest-exit-code; \
	if [ "$$status" = 5 ]; then echo "ÉCHEC : pytest n'a trouvé aucun test à exécuter." >&2; exit 1; fi; \
	exit "$$status"

clean:
	rm -rf site $(ZENSICAL_DIR) $(ARTIFACTS) .pytest_cache .mypy_cache .ruff_cache
