# strategiaseuranta: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint types pytest docs plugin bench clean venv

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
	$(BIN)/strategiaseuranta diff examples/joensuu/2025-07.yaml examples/joensuu/2025-12.yaml
	mkdir -p build
	$(BIN)/strategiaseuranta convert examples/joensuu/2025-07.yaml build/joensuu-2025-07.xlsx
	$(BIN)/strategiaseuranta convert examples/joensuu/2025-07.yaml build/joensuu-2025-07.html

lint: $(STAMP)
	$(BIN)/ruff check src tests docs examples benchmarks conftest.py
	$(BIN)/ruff format --check src tests docs examples benchmarks conftest.py

types: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

docs: $(STAMP)
	$(BIN)/sphinx-build -q -n -W --keep-going -b html docs docs/_build/html

# The example plugin in a fresh environment: installs beside the library, is listed, validates, shows.
PLUGIN_VENV := build/plugin-venv
plugin: $(STAMP)
	rm -rf $(PLUGIN_VENV)
	$(PYTHON) -m venv $(PLUGIN_VENV)
	$(PLUGIN_VENV)/bin/python -m pip install --quiet . ./examples/vattenby
	$(PLUGIN_VENV)/bin/strategiaseuranta schemas | grep "^vattenby .*plugin strategiaseuranta-vattenby"
	$(PLUGIN_VENV)/bin/strategiaseuranta validate examples/vattenby/data/2025-08.yaml
	$(PLUGIN_VENV)/bin/strategiaseuranta show --width 120 examples/vattenby/data/2025-08.yaml | grep "Tema: Ett livslångt lärande"
	# the core install has no document extras: CSV works, Excel names the extra to install
	$(PLUGIN_VENV)/bin/strategiaseuranta convert examples/joensuu/2025-07.yaml build/plugin-check.csv
	! $(PLUGIN_VENV)/bin/strategiaseuranta convert examples/joensuu/2025-07.yaml build/plugin-check.xlsx 2> build/plugin-check.err
	grep -q "pip install 'strategiaseuranta\[xlsx\]'" build/plugin-check.err
	test ! -e build/plugin-check.xlsx

test: lint types pytest docs plugin

# Benchmarks against msgspec, PyYAML and DeepDiff (issue 6): prints numbers, asserts nothing.
# BENCH_ARGS=--quick for a run under a minute; options in benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --data build/bench-data $(BENCH_ARGS)

clean:
	rm -rf $(VENV) docs/_build build dist .mypy_cache .ruff_cache
