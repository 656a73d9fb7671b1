# The README's two commands: `make demo` and `make test`. Both work on a fresh machine
# with Python 3.11: they create .venv if missing and install with constraints.txt
# (torch==2.13.0, a CPU build; unpinned torch pulls a multi-GB CUDA build).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1

.PHONY: install browser demo test test-fast typecheck lint check readme bench clean

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt torch==2.13.0
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Debian's Chromium and ChromeDriver for the report's browser tests, and tmux for the test that runs
# `demanddiff review` in a real terminal: installed once, as root, skipped when already there
# (elsewhere those tests skip, except in CI where they fail).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v tmux >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver tmux >/dev/null; \
	else echo "note: no chromium/chromedriver/tmux and not root: run 'apt-get install chromium chromium-driver tmux'"; fi

demo: install
	$(BIN)/demanddiff rounds fixtures/russia.yaml
	@echo
	$(BIN)/demanddiff compare fixtures/russia.yaml --from 2021-12-17 --to 2025-03-14

# The full suite, after the type check; CI runs exactly this.
test: install browser typecheck
	DEMANDDIFF_ARTIFACTS=$${DEMANDDIFF_ARTIFACTS:-test-artifacts} $(BIN)/python -m pytest

# The fast part (under a minute): everything but the tests marked slow.
test-fast: install
	$(BIN)/python -m pytest -m "not slow" -q

# mypy on the library, imported by its package name through a link in build/ (the root is the package).
typecheck: install
	mkdir -p build/mypy && ln -sfn "$(CURDIR)" build/mypy/demanddiff
	MYPYPATH=build/mypy $(BIN)/mypy -p demanddiff.positions -p demanddiff.compare -p demanddiff.api

lint: install
	$(BIN)/ruff check .

readme: install
	$(BIN)/cog -r -I docs -p "from cogs import *" README.md docs/*.md

check: lint typecheck test

# Speed and scale figures as JSON (several minutes of CPU); see README "Performance".
bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache test-artifacts
