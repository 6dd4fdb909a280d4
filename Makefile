# `make demo` and `make test` set everything up from scratch on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint readme clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

## Load and validate the graph, print its statistics and the community manager.
demo: $(STAMP)
	$(BIN)/graphkit validate
	$(BIN)/graphkit stats
	$(BIN)/graphkit show "community manager"

## Lint, validate the graph, run every test and doctest.
test: $(STAMP) lint
	$(BIN)/graphkit validate
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cog --check README.md

## Regenerate the README's CLI reference from --help.
readme: $(STAMP)
	$(BIN)/cog -r README.md

clean:
	rm -rf $(VENV) build dist *.egg-info
