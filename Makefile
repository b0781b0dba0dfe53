# Deaths in Peru's protests: data releases, analysis and report.
# `make report` and `make test` set everything up in .venv on first use.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RELEASE ?=
RELEASE_ARG := $(if $(RELEASE),--release $(RELEASE))

.PHONY: help report build quarto-setup validate test lint benchmark clean

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,reference]'
	touch $@

report: $(BIN)/.installed ## Build and render the report (PDF+HTML, EN+ES) of the latest release; RELEASE=name for another
	$(BIN)/python -m analysis render $(RELEASE_ARG)

build: $(BIN)/.installed ## Compute results, tables and figures only
	$(BIN)/python -m analysis build $(RELEASE_ARG)

quarto-setup: $(BIN)/.installed ## Build a release into report/results, so that `quarto render report/` can start (RELEASE=name)
	PERU_PROTESTS_RELEASE=$(RELEASE) $(BIN)/python report/prerender.py

validate: $(BIN)/.installed ## Validate a release (default: latest)
	$(BIN)/python -m analysis validate $(RELEASE)

test: $(BIN)/.installed ## Run the test suite (includes a real render)
	$(BIN)/python -m pytest

lint: $(BIN)/.installed ## Lint and format check
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/ruff format --check analysis tests benchmarks

benchmark: $(BIN)/.installed ## Print the speed and memory benchmark table
	$(BIN)/python benchmarks/run.py

clean: ## Remove build outputs (not the virtual environment)
	rm -rf _build report/results report/.quarto report/*.pdf report/*.html
