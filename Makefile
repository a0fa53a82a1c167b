# Two commands on a fresh machine (README.md):
#   make          build the handouts (output/); first run: .venv with the project, nothing else
#   make test     run the whole suite; first run: the Debian packages, the test extras, npm ci
# and for the packages:
#   make wheel    dist/handout-<version>-py3-none-any.whl (templates and fonts inside)
#   make deb      dist/handout_<version>_<arch>.deb (packaging/deb/, PyInstaller: its own Python),
#                 frozen in a Debian 11 chroot so it runs on glibc 2.28 (UOS 20); the chroot and
#                 its Python are made the first time (~10 min), cached in /var/cache/handout-deb;
#                 `make deb ARGS=--on-host` freezes with this machine's Python (needs its glibc)
#
# Each step runs only when what it makes is missing or older than what it is made from (the
# stamps below, keyed on pyproject.toml and package-lock.json), so the second run is quick
# and needs no network. Where things are listed:
#   Python packages    pyproject.toml (runtime: dependencies; tests: the `test` extra)
#   Debian packages    tools/apt-needs.sh (one line each, with the check that finds them)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
NPM    := tests/writers/ofdjs tests/writers/docxpreview      # npm ci in each, for the tests
ARGS   ?=

.DEFAULT_GOAL := build
.PHONY: build test wheel deb apt-test apt-deb clean

build: $(VENV)/.project
	$(BIN)/python build.py $(ARGS)

# The venv's bin/ first on PATH, as an activated venv has it: the tests run its
# openxml-audit; they run LibreOffice's uno through /usr/bin/python3 themselves.
test: $(VENV)/.test $(NPM:%=%/node_modules/.package-lock.json) | apt-test
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python -m pytest -q $(ARGS)

$(VENV)/.python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "make: handout needs Python >= 3.11 (make PYTHON=python3.12)" >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || \
	  { echo "make: $(PYTHON) cannot make a venv: apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@touch $@

# The project, editable, with its runtime dependencies only; handout/ compiled once, so a
# build does not recompile it where PYTHONDONTWRITEBYTECODE is set (bench/README.md)
$(VENV)/.project: pyproject.toml | $(VENV)/.python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e .
	$(BIN)/python -m compileall -q handout
	@touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.project
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $@

# ofd.js, an independent OFD renderer, and docx-preview, the DOCX previewer of web office
# systems, both run by the tests in Chromium (npm comes with apt-test)
%/node_modules/.package-lock.json: %/package-lock.json | apt-test
	@if command -v npm >/dev/null; then \
	  echo "npm ci --prefix $*"; npm ci --prefix $* --ignore-scripts --no-audit --no-fund --silent && touch $@; \
	else echo "make: no npm: the tests that run $* will skip" >&2; fi

# Checked on every run (a few command lookups); apt-get only for what is missing. A machine
# where they cannot be installed (no root, no sudo) is told which; the suite still runs.
apt-test:
	@bash tools/apt-needs.sh test || echo "make: the tests that need them will fail or skip" >&2

apt-deb:
	@bash tools/apt-needs.sh deb

wheel: $(VENV)/.project
	rm -f dist/handout-*.whl
	$(BIN)/python -m pip wheel -q --disable-pip-version-check --no-deps -w dist .

$(VENV)/.deb: pyproject.toml $(VENV)/.project
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[deb]"
	@touch $@

deb: $(VENV)/.deb | apt-deb
	$(BIN)/python packaging/deb/build_deb.py $(ARGS)

clean:
	rm -rf $(VENV) dist build $(NPM:%=%/node_modules)
