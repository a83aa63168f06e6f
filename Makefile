# The two commands of the README. Each prepares the machine first (scripts/setup.sh).
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup demo test lint schema translations bench
setup:
	@KIOSK_VENV=$(VENV) bash scripts/setup.sh

demo: setup
	$(PY) -m kiosk demo

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(PY) -m pip install --quiet ruff mypy types-PyYAML types-requests
	$(PY) -m ruff check kiosk tests
	$(PY) -m mypy

schema: setup
	$(PY) -m kiosk schema --out playlists/schema.json

translations: setup
	$(PY) -m kiosk.ui.i18n

bench: setup
	bash benchmarks/run.sh
