# `make demo` and `make test` set everything up from scratch on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint readme clean chromium virtuoso exports bench-tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

## Load and validate the graph, print its statistics and the community manager.
demo: $(STAMP)
	$(BIN)/graphkit validate
	$(BIN)/graphkit stats
	$(BIN)/graphkit show "community manager"

## Lint, validate the graph, check exports/ is fresh, run every test and doctest.
test: $(STAMP) lint chromium virtuoso
	$(BIN)/graphkit validate
	$(BIN)/graphkit build --check
	$(BIN)/python -m pytest

## Debian's chromium, for the viewer's browser tests (`playwright install` cannot fetch one).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y chromium; }

## Debian's Virtuoso, the real triple store of tests/test_push.py (started on 127.0.0.1 there).
virtuoso:
	@command -v virtuoso-t >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y virtuoso-opensource; }

## The endpoint benchmark's tools: Debian's wrk, and Oxigraph's own server (the `bench` extra).
bench-tools: $(STAMP)
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update && $$SUDO apt-get install -y wrk; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'

## Regenerate exports/ from ontology/ (commit the result).
exports: $(STAMP)
	$(BIN)/graphkit build

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cog --check README.md
	$(BIN)/lint-imports

## Regenerate the README's CLI reference from --help.
readme: $(STAMP)
	$(BIN)/cog -r README.md

clean:
	rm -rf $(VENV) build dist *.egg-info
