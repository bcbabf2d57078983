# strategiaseuranta: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint types pytest docs clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml examples/vattenby/pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]' -e examples/vattenby
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/strategiaseuranta validate examples/joensuu/2025-07.yaml
	$(BIN)/strategiaseuranta show examples/joensuu/2025-07.yaml

lint: $(STAMP)
	$(BIN)/ruff check src tests docs examples conftest.py
	$(BIN)/ruff format --check src tests docs examples conftest.py

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

docs: $(STAMP)
	$(BIN)/sphinx-build -q -n -W --keep-going -b html docs docs/_build/html

test: lint types pytest docs

clean:
	rm -rf $(VENV) docs/_build build dist .mypy_cache .ruff_cache
