# `make site` builds the site into site/; `make test` runs every check. Both install what they need,
# from the hash-pinned lock (pip refuses any file whose hash the lock does not list).
VENV ?= .venv
PY := $(VENV)/bin/python
# The lock to install: the tests' (a superset), or requirements.lock for a build-only environment
# (the deploy workflow's build job: `make site LOCK=requirements.lock`).
LOCK ?= requirements-dev.lock
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve lint lock clean

$(VENV)/.installed: $(LOCK)
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	touch $@

site: $(VENV)/.installed
	$(PY) build.py build

check: $(VENV)/.installed
	$(PY) build.py check

serve: $(VENV)/.installed
	$(PY) build.py serve

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint
	$(PY) -m pytest

# Regenerate both locks from requirements*.txt and constraints.txt (every version is pinned there, so
# the lock only adds hashes: the same inputs give the same lock). Run after changing any of them.
LOCK_FLAGS := --quiet --universal --python-version 3.11.5 --generate-hashes --custom-compile-command "make lock"
lock: $(VENV)/.installed
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements.txt -o requirements.lock
	$(VENV)/bin/uv pip compile $(LOCK_FLAGS) requirements-dev.txt -o requirements-dev.lock

clean:
	rm -rf site build .pytest_cache
