# The kit's commands. Every target sets up its own virtual environment (.venv)
# from requirements.txt, so `make demo` and `make test` work on a fresh clone.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-requirements
AUTOGRADER_ZIP := build/autograder/nn_from_scratch-autograder.zip
# What the generated files are made from.
SOURCES := solutions/nn_from_scratch.py autograder/build.py autograder/public.py examples/bugs.toml \
	$(wildcard nn_grading/*.py) $(wildcard public_checks/*.py) \
	tests/mistakes/catalog.toml requirements.txt

SUBMISSIONS ?= examples/submissions
OUT ?= build/grades
TIMEOUT ?= 300
MEMORY_MB ?= 4096
PROCESSES ?= 32
JOBS ?= 2
ENGINE ?= fast
GRADE_OPTIONS = --autograder $(AUTOGRADER_ZIP) --timeout $(TIMEOUT) --memory-mb $(MEMORY_MB) \
	--processes $(PROCESSES) --jobs $(JOBS) --engine $(ENGINE)

.DEFAULT_GOAL := demo
.PHONY: demo test quick assign grade regrade gradescope similarity catalog bench report screenshots lock clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# The grading host's package (nn_grading/) on the environment's path: stock `otter run` imports
	@# the plugin from there, never from a submission's folder.
	$(PY) -c "import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()['purelib'], 'nn_kit.pth').write_text('$(CURDIR)\n')"
	touch $@

# Debian's Chromium, for the report's browser test and the screenshots (not pinned: Debian ships
# its security updates under one package name). Installed with apt-get, as root or through sudo.
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
$(CHROMIUM):
	@echo "Installing Debian's chromium (headless browser for the report test and the screenshots)..."
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null \
	  || ($(SUDO) apt-get update -q >/dev/null && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null)

$(AUTOGRADER_ZIP): $(STAMP) $(SOURCES)
	$(PY) -m autograder.build

## make assign: regenerate the student notebook, the autograder and the examples from the master
assign: $(STAMP)
	$(PY) -m autograder.build

## make grade SUBMISSIONS=DIR OUT=DIR: grade every .ipynb, .py and .zip in DIR (unchanged files
## are not graded again; FORCE=1 regrades everything)
grade: $(AUTOGRADER_ZIP)
	$(PY) -m autograder.grade $(SUBMISSIONS) $(OUT) $(GRADE_OPTIONS) $(if $(FORCE),--force)

## make regrade FILE=DIR/file.ipynb OUT=DIR: grade one submission again, keeping the other rows
## make regrade SUBMISSIONS=download.zip ROW=submission_1002 OUT=DIR: the same for one row of a download
regrade: $(AUTOGRADER_ZIP)
	@test -n "$(FILE)$(ROW)" || (echo "usage: make regrade FILE=path/to/submission OUT=path/to/results" \
	  "or make regrade SUBMISSIONS=path/to/download.zip ROW=row_of_grades.csv OUT=path/to/results" && false)
	$(PY) -m autograder.grade $(if $(ROW),$(SUBMISSIONS),$(dir $(FILE))) $(OUT) $(GRADE_OPTIONS) --regrade $(or $(ROW),$(FILE))

## make gradescope: the zip to upload to Gradescope
gradescope: $(AUTOGRADER_ZIP)
	@echo "Upload this file to Gradescope (programming assignment, autograder configuration):"
	@echo "  $(abspath $(AUTOGRADER_ZIP))"

## make demo: build everything and grade the bundled example submissions
demo: $(AUTOGRADER_ZIP)
	$(PY) -m autograder.grade examples/submissions build/demo $(GRADE_OPTIONS)

## make similarity SUBMISSIONS=DIR OUT=DIR: pairs of submissions that share code (copydetect), side by side
similarity: $(STAMP)
	$(PY) -m autograder.similarity $(SUBMISSIONS) $(OUT)

## make catalog: grade the mistake catalog (tests/mistakes/catalog.toml) and rewrite its table in docs/design.md
catalog: $(STAMP)
	$(PY) -m autograder.catalog --jobs $(JOBS)

## make bench: a training epoch, pure Python vs numpy; then the kit against `otter run` one at a
## time on a batch of 50 (about 15 minutes)
bench: $(AUTOGRADER_ZIP)
	$(PY) -m autograder.bench --jobs $(JOBS)

## make report OUT=DIR: one self-contained HTML page about a batch that `make grade` wrote to DIR
report: $(AUTOGRADER_ZIP)
	$(PY) -m autograder.report $(OUT) --autograder $(AUTOGRADER_ZIP)

## make screenshots: the README's pictures (docs/img/), drawn by the reference notebook and the report
screenshots: $(AUTOGRADER_ZIP) $(CHROMIUM)
	$(PY) docs/make_screenshots.py

# Test files that watch the whole machine (its processes, /tmp, their own timings) run alone, after the
# others; the others run two files at a time (pytest-xdist: each file's tests in one worker).
TESTS_ALONE := tests/test_adversarial.py tests/test_call_limit.py tests/test_isolation.py tests/test_neighbour.py \
	tests/test_zygote.py
# The tests that grade no batch: the edit loop's.
TESTS_QUICK := tests/test_build.py tests/test_channel_codec.py tests/test_checks.py tests/test_dependencies.py \
	tests/test_figures.py tests/test_leaks.py tests/test_plugin.py tests/test_readme.py tests/test_reference.py \
	tests/test_sandbox.py tests/test_similarity.py tests/test_submission_files.py

## make test: the kit's own test suite, every test (what CI runs)
test: $(STAMP) $(CHROMIUM)
	$(PY) -m pytest -n 2 --dist loadfile $(addprefix --ignore=,$(TESTS_ALONE)) tests
	$(PY) -m pytest $(TESTS_ALONE)

## make quick: the tests that grade no batch (about 2 minutes), for the edit loop
quick: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile $(TESTS_QUICK)

## make lock: re-pin requirements.txt from requirements.in
lock:
	rm -rf build/lock-venv && $(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	(echo "# The kit's pinned dependencies: generated from requirements.in by \`make lock\`. Do not edit by hand."; \
	 build/lock-venv/bin/pip freeze) > requirements.txt

clean:
	rm -rf build $(VENV)
