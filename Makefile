# Two commands for a new user: `make run` (set up, compile the bundled sample) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Nothing phones home: no usage statistics from Great Expectations or the Prefect server.
export GX_ANALYTICS_ENABLED := false
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: setup run test check lint sample clean

# PYTHONWARNINGS: setuptools warns about editable installs in general, nothing to act on.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/imrf run --input data/raw --output .

test: setup
	$(BIN)/python -m pytest

# The fast lane for everyday work, on both cores: unit, data-contract and model tests, without
# the tests marked slow (real flow runs, servers, browsers, whole-sample compilations).
# `make test` runs everything, as CI does.
check: setup
	$(BIN)/python -m pytest -q -n 2 -m "not slow" tests/unit tests/data tests/model

lint: setup
	$(BIN)/ruff check imrf_analysis pipelines tests scripts
	$(BIN)/mypy

sample: setup
	$(BIN)/python scripts/make_sample.py --out data/raw

clean:
	rm -rf data/processed/*.parquet data/processed/*.json reports/*
