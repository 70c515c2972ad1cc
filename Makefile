# Two commands on a fresh machine: `make run` (set up and start the app), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint check bundle benchmarks clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/hiprehab

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check hiprehab tests scripts benchmarks
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/hiprehab check routines/*.toml

bundle: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.6'
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build packaging/hiprehab.spec

benchmarks: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/history_pane.py
	$(BIN)/python benchmarks/check_large_file.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/illustration_frames.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
