# Two commands do all the set-up on a fresh Debian machine:
#   make lab    install the kit and open the course in JupyterLab
#   make test   install everything (test tools and Chromium too) and run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

.PHONY: lab test install install-test instructor system-deps site-deps hub-deps site build validate bench mutate clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# --no-compile: Python caches bytecode for the modules the course uses on first import, instead of
# pip compiling every module of every dependency up front (about 80 MB less on disk; BENCHMARKS.md P5)
install: $(BIN)/python
	$(BIN)/python -m pip install --quiet --no-compile -e .

# Instructors: nbgrader for `kjpacts grade` (students never need it)
instructor: $(BIN)/python system-deps
	$(BIN)/python -m pip install --quiet -e ".[instructor]"
	$(BIN)/kjpacts grade doctor

install-test: $(BIN)/python system-deps
	$(BIN)/python -m pip install --quiet -e ".[test]"

# Debian packages: Chromium for the browser tests, bubblewrap for the grading sandbox.
system-deps:
	@command -v chromium >/dev/null 2>&1 && command -v bwrap >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium bubblewrap >/dev/null; \
	  else echo "please install chromium and bubblewrap (sudo apt-get install chromium bubblewrap)"; fi; }

lab: install
	$(BIN)/jupyter lab --port $(PORT) $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) \
	  --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb

test: install-test site-deps hub-deps
	$(BIN)/python -m tests.run

# The site's scripts (widget html-manager, require.js) and the test's axe-core, from the npm registry
# at the versions in site/package-lock.json; the site serves them itself, no page loads a CDN.
site-deps:
	@command -v npm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	  else echo "please install npm (sudo apt-get install npm)"; exit 1; fi; }
	cd site && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# configurable-http-proxy for the one-machine JupyterHub (deploy/hub; tests/hub runs it as root)
hub-deps: site-deps
	cd deploy/hub && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

# The course as a static website in site/_build/html (Jupyter Book 1; every lesson executed, offline)
site: install site-deps
	$(BIN)/python -m pip install --quiet -e ".[site]"
	$(BIN)/python site/build.py

build: install
	$(BIN)/kjpacts build

validate: install
	$(BIN)/kjpacts validate

bench: install-test
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python -m bench

clean-venv:
	rm -rf $(VENV)

# Mutation testing of the data core and the try-it checks; writes TESTING.md (a report, not CI)
mutate: install-test
	$(BIN)/python -m pip install --quiet -e ".[test,mutate]"
	$(BIN)/python -m tests.mutate
