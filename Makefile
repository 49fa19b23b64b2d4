# Two commands on a fresh machine: `make book` and `make test`.
# Each creates .venv from requirements.txt (exact pins) and installs this repository into it.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
# The interpreter that makes .venv: the first of these that pyproject.toml's requires-python
# admits and that has venv. The system's own Python comes first, because that is what
# instructors and students run (Debian 12: 3.11.2, with python3-venv), so the tests run on
# it too even where a newer one is first on PATH. tools/pick-python says why none fits;
# `make PYTHON=/path/to/python3` names one.
PYTHON ?= /usr/bin/python3 python3.11 python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Students' own kernels, for the same-verdict test: Colab's NumPy and an older one.
STUDENT_NUMPYS := 2.0.2 1.26.4
STUDENT_KERNELS := $(foreach v,$(STUDENT_NUMPYS),.venv-numpy-$(v)/.installed)

.PHONY: book book-zh site translations book-instructor publish test test-fast lint student-kernels bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || { python=$$(tools/pick-python $(PYTHON)) && "$$python" -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## book: build the student edition strictly into _build/student/_build/html
book: $(STAMP)
	$(BIN)/python -m bookbuild --edition student

## book-zh: build the Simplified-Chinese edition (the pages with a catalog in locale/zh_CN/) into _build/zh/_build/html
book-zh: $(STAMP)
	tools/install-system-packages
	$(BIN)/python -m chapterkit.i18n status
	$(BIN)/python -m bookbuild --edition zh

## site: the published site in _build/site: the student edition, and the Chinese one under zh/ (build both first)
site: $(STAMP)
	$(BIN)/python -c "from bookbuild.editions import site; print(site())"

## translations: bring the catalogs up to date with the English (stale entries marked fuzzy), then check them
translations: $(STAMP)
	tools/install-system-packages
	$(BIN)/python -m chapterkit.i18n update
	$(BIN)/python -m chapterkit.i18n check

## book-instructor: build the instructor edition (solutions in toggles) into _build/instructor/_build/html
book-instructor: $(STAMP)
	$(BIN)/python -m bookbuild --edition instructor

## publish: write the launch buttons' branch content into PUBLISH_DIR (default _build/publish): notebooks + requirements.txt
PUBLISH_DIR ?= _build/publish
publish: $(STAMP)
	$(BIN)/python -m bookbuild.publish $(PUBLISH_DIR)

.venv-numpy-%/.installed: tests/student-kernel.txt
	test -x .venv-numpy-$*/bin/python || { python=$$(tools/pick-python $(PYTHON)) && "$$python" -m venv .venv-numpy-$*; }
	.venv-numpy-$*/bin/python -m pip install --quiet --disable-pip-version-check numpy==$* -r tests/student-kernel.txt
	touch $@

## student-kernels: the older-NumPy environments the same-verdict test runs student notebooks in
student-kernels: $(STUDENT_KERNELS)

# axe-core, which the browser tests inject into every page: pinned, with its hash, in tools/node/.
AXE := _build/node/node_modules/axe-core/axe.min.js
$(AXE): tools/node/package.json tools/node/package-lock.json
	tools/install-system-packages
	mkdir -p _build/node
	cp tools/node/package.json tools/node/package-lock.json _build/node/
	npm ci --prefix _build/node --no-audit --no-fund --loglevel=error
	touch $@

# The slow tier waits on subprocesses (kernels, sandboxes, the book build, browsers) far more than
# it computes, so more workers than cores pay off. How modules are shared out: pyproject.toml's addopts.
WORKERS ?= 4

## test: lint, then the whole test suite, in parallel (installs chromium, npm's axe-core etc. for the browser tests if missing)
# The environments install side by side: on a fresh machine that time is mostly waiting on downloads.
test:
	$(MAKE) --no-print-directory -j3 $(STAMP) $(STUDENT_KERNELS) $(AXE)
	$(MAKE) --no-print-directory lint
	tools/install-system-packages
	$(BIN)/python -m pytest -n $(WORKERS) --durations=15

## test-fast: the tests that build no book and run no stock nbgrader, browser or cluster (a minute or two)
test-fast: $(STAMP)
	tools/install-system-packages
	$(BIN)/python -m pytest -m "not slow" -n 2 -q

## lint: ruff's lint rules and formatting (pyproject.toml); tools/lint-fix applies what ruff can fix itself
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## bench: the benchmarks (not part of the tests; they print ratios measured in one run)
bench: $(STAMP)
	tools/install-system-packages
	$(BIN)/python benchmarks/bench_propagate.py
	$(BIN)/python benchmarks/bench_book.py
	$(BIN)/python benchmarks/bench_grading.py

clean:
	rm -rf _build .venv-numpy-* .pytest_cache .hypothesis
