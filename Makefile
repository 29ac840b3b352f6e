# The Trigger Point Guide. Two commands for a newcomer: `make site`, then `make test`.
#   make site    set up .venv, install, build site/ (hosted) and site-offline/
#   make test    install the test tools (and Chromium, as root, where missing), run make check and every test
#   make serve   live preview on http://127.0.0.1:8000/
#   make check   the editor checks alone (part of `make test`)

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
MKDOCS  := NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs
CHROMIUM ?= /usr/bin/chromium

# "Edit this page" links point at the GitHub repository this clone came from, when there is one.
GUIDE_REPO_URL ?= $(shell git remote get-url origin 2>/dev/null | sed -nE 's#^(git@github\.com:|https://github\.com/)([^/]+/[^/]+)$$#https://github.com/\2#p' | sed -E 's#\.git$$##')
ifneq ($(GUIDE_REPO_URL),)
export GUIDE_REPO_URL
export GUIDE_EDIT_URI ?= edit/main/docs/
endif

.PHONY: site serve test check browser clean
.DELETE_ON_ERROR:

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Zensical, Material's successor, in a venv of its own: tests/test_zensical.py builds with it.
.venv-zensical/.installed: requirements-zensical.txt
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

# Build into a temporary folder and swap it in only when the build succeeds, so a mistake
# never leaves readers (or `make serve`) with a half-built or missing site.
# Two builds: site/ for a web host, and site-offline/ for reading from the disk (file://), whose
# zip goes inside site/ for the hosted guide's "download the guide" link. Both are swapped in
# together, and only when all three steps succeed. (The tests build elsewhere by setting
# SITE_DIR and OFFLINE_DIR.)
OFFLINE_ZIP := trigger-point-guide-offline.zip
SITE_DIR    ?= site
OFFLINE_DIR ?= site-offline

site: $(VENV)/.installed node_modules/.installed
	rm -rf $(SITE_DIR).tmp $(OFFLINE_DIR).tmp
	OFFLINE=true $(MKDOCS) build --strict --quiet --site-dir $(OFFLINE_DIR).tmp
	GUIDE_OFFLINE_ZIP=$(OFFLINE_ZIP) $(MKDOCS) build --strict --quiet --site-dir $(SITE_DIR).tmp
	$(BIN)/python scripts/zip_offline.py $(OFFLINE_DIR).tmp $(SITE_DIR).tmp/$(OFFLINE_ZIP)
	for d in $(SITE_DIR) $(OFFLINE_DIR); do \
	  rm -rf $$d.old && { [ ! -d $$d ] || mv $$d $$d.old; } && mv $$d.tmp $$d && rm -rf $$d.old || exit 1; \
	done
	@echo "Built $(SITE_DIR)/ (for a web host) and $(OFFLINE_DIR)/ (open $(OFFLINE_DIR)/index.html). Live preview: make serve"

serve: $(VENV)/.installed
	$(MKDOCS) serve --strict --dev-addr 127.0.0.1:8000

# Debian's Chromium for the browser tests: installed here when missing and the shell is root.
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's Chromium for the browser tests (about a minute)..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	    || { echo "Could not install Chromium with apt-get."; [ "$$CI" != true ] || exit 1; }; \
	elif [ "$$CI" = true ]; then \
	  echo "CI: Chromium is missing at $(CHROMIUM) and this shell cannot install it. The browser tests must run in CI."; exit 1; \
	else \
	  echo "Chromium is missing at $(CHROMIUM) and this shell is not root: the browser tests will be SKIPPED."; \
	  echo "Install it with: sudo apt-get install chromium"; \
	fi

# The editor checks: data, strict build, Markdown lint, spelling, workflows (tools/check.py).
check: $(VENV)/.dev-installed
	$(BIN)/python tools/check.py

test: $(VENV)/.dev-installed .venv-zensical/.installed browser check node_modules/.installed
	$(BIN)/python -m pytest

# Node packages, pinned in package.json and package-lock.json: Workbox and sharp make the hosted
# guide's service worker and icons (guide/pwa.py), the Nu HTML Checker serves tests/test_html_valid.py.
# --omit=dev: Lighthouse (bench/lighthouse only) is not needed. --ignore-scripts: the checker's
# install script would download a Java runtime (the machine's Java 11+ is used); sharp's binaries
# come as npm packages of their own.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: the build needs Node.js 18+ with npm (see README)."; exit 1; }
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site site.tmp site.old site-offline site-offline.tmp site-offline.old test-output .pytest_cache
