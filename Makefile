# The two commands a new user needs: `make` (set up, then build everything) and `make test`.
# Set-up installs the Debian packages the outputs need (when running as root; otherwise it
# prints the command to run) and a virtual environment in .venv with the project and its tools.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Fonts for Chinese and Cyrillic, fontconfig's fc-list (check asks it which characters the
# installed fonts have), HarfBuzz's subsetter for small PDFs, Graphviz to lay out the concept
# maps, poppler and Chromium for the tests of the PDFs and of the HTML.
DEBIAN_PACKAGES := fonts-noto-cjk fonts-noto-core fontconfig libharfbuzz-subset0 libpango-1.0-0 \
	libpangoft2-1.0-0 graphviz poppler-utils chromium

.DEFAULT_GOAL := all
.PHONY: all setup system-packages schematron build check test test-fast lint golden constraints \
	messages bench preview clean

all: build

setup: system-packages $(VENV)/.installed

system-packages:
	@command -v dpkg-query >/dev/null || { echo "not Debian: install the equivalents of $(DEBIAN_PACKAGES)"; exit 0; }; \
	missing=$$(for p in $(DEBIAN_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian packages:" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Missing Debian packages; run: sudo apt-get install --no-install-recommends" $$missing >&2; exit 1; \
		fi; \
	fi

# constraints.txt pins the tools whose releases change the outputs' bytes or the linters'
# findings (the reason for each is beside it); pyproject.toml's ranges are for users.
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable '.[test]'
	touch $@

build: setup
	$(BIN)/python build.py

check: setup
	$(BIN)/python build.py check

# The TBX-Basic Schematron test needs pyschematron, which needs Python >= 3.12 (pyenv's 3.12 here);
# without such a Python the test is skipped with its reason.
SCHEMATRON_PYTHON ?= PYENV_VERSION=3.12.1 python3.12
PYSCHEMATRON := 1.2.5
schematron:
	@if $(SCHEMATRON_PYTHON) -c 'import sys; assert sys.version_info >= (3, 12)' 2>/dev/null; then \
		$(SCHEMATRON_PYTHON) -c 'from importlib.metadata import version as v; \
			assert v("pyschematron") == "$(PYSCHEMATRON)"' 2>/dev/null || \
		$(SCHEMATRON_PYTHON) -m pip install --quiet pyschematron==$(PYSCHEMATRON); \
	else echo "no Python 3.12: the TBX Schematron test will be skipped"; fi

# Tools from the npm registry, at the versions of package-lock.json: ESLint for the site's script,
# and for the tests of the HTML axe-core and the Nu HTML Checker (run with Debian's Java). The
# vnu-jar install script would download a JDK: --ignore-scripts skips it.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# The whole suite, on every core (pytest-xdist; a test file runs in one worker, so that its tests
# share their fixtures). test-fast leaves out the slow tests: Chromium, PDF layout, the Nu checker
# and the Schematron, build.py as a process.
test: setup schematron node_modules/.installed
	$(BIN)/python -m pytest -n auto --dist loadfile

test-fast: setup
	$(BIN)/python -m pytest -m "not slow" -n auto --dist loadfile

LINTED := termbase tests benchmarks tools build.py
JS_LINTED := templates/html/site.js tests/js eslint.config.mjs
lint: setup node_modules/.installed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	npx --no-install eslint --max-warnings 0 $(JS_LINTED)

# Write the golden files in tests/golden/ anew from the current code; review their diff.
golden: setup
	$(BIN)/python -m pytest --update-golden -m golden -q

# Upgrade the pinned tools of constraints.txt to their newest versions within pyproject.toml's
# ranges and write those versions there; then run `make test` and `make golden`, and review.
constraints: setup
	$(BIN)/python -m pip install --quiet --upgrade --editable '.[test]' \
		$$($(BIN)/python -m tools.constraints --names)
	$(BIN)/python -m tools.constraints
	touch $(VENV)/.installed

# Add new UI strings to the catalogs in templates/locale (then translate them in the .po files).
messages: setup
	$(BIN)/python -m tools.catalogs

# Timings and peak memory per stage, on the shipped glossary and synthetic ones of 100 to 10,000
# concepts; the edit → see loop from the command line and in `serve`; WeasyPrint alone on the
# build's HTML (the floor under the PDFs); the largest PDF documents at 10,000; a run of 5,000
# letters in the reference; the
# HTML search at 10,000, in Chromium; `qa` on an XLIFF of 10,000 segments; `attest` over
# ../shared/corpus, cold and after an edit of one concept (a benchmark, not a test: nothing here
# fails on a number).
bench: setup
	$(BIN)/python -m benchmarks.run 100 1000 10000
	$(BIN)/python -m benchmarks.loop 1000
	$(BIN)/python -m benchmarks.serve
	$(BIN)/python -m benchmarks.floor
	$(BIN)/python -m benchmarks.pdf_scale 10000
	$(BIN)/python -m benchmarks.long_run
	$(BIN)/python -m benchmarks.search 10000
	$(BIN)/python -m benchmarks.pinyin 10000
	$(BIN)/python -m benchmarks.qa 10000
	$(BIN)/python -m benchmarks.attest

# The README's picture of a cheat-sheet page, regenerated from the shipped glossary.
preview: setup
	$(BIN)/python -m tools.preview glossary docs/preview-cheatsheet.png

clean:
	rm -rf output
