# Two commands on a fresh machine: `make run` (set up and start the app), `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-qt-free lint check wheel bundle deb icons benchmarks screenshots clean \
	translations translations-check

# The Qt-free wings and their tests, in a venv where PySide6, pyqtgraph and numpy are absent.
QT_FREE_TESTS := tests/routine tests/session tests/drawing tests/history tests/cli \
	tests/test_safety.py tests/test_qt_free_wings.py tests/i18n tests/test_paths.py tests/test_paths_migration.py

# The compiled catalogues: remade from each .po when it changes (a build also compiles them).
MO := $(patsubst %.po,%.mo,$(wildcard hiprehab/locale/*/LC_MESSAGES/hiprehab.po))

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/python scripts/translations.py compile

run: $(STAMP) $(MO)
	$(BIN)/hiprehab

test: $(STAMP) $(MO)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

test-qt-free:
	test -x .venv-qt-free/bin/python || $(PYTHON) -m venv .venv-qt-free
	.venv-qt-free/bin/python -m pip install --quiet --upgrade pip
	.venv-qt-free/bin/python -m pip install --quiet --no-deps -e .
	.venv-qt-free/bin/python -m pip install --quiet 'babel>=2.12' 'tomli>=2.0' 'platformdirs>=4.0' 'pytest>=8' 'hypothesis>=6.100'
	! .venv-qt-free/bin/python -c 'import PySide6' 2>/dev/null
	! .venv-qt-free/bin/python -c 'import pyqtgraph' 2>/dev/null
	# pytest-qt is absent here, so its qt_* settings in pyproject.toml are unknown to pytest
	.venv-qt-free/bin/python -m pytest -q -p no:cacheprovider \
		-W ignore::pytest.PytestConfigWarning $(QT_FREE_TESTS)

lint: $(STAMP)
	$(BIN)/ruff check hiprehab tests scripts benchmarks packaging
	$(BIN)/mypy
	$(BIN)/lint-imports

# The .pot and every .po brought up to date with the code, and compiled (then translate the new
# entries: docs/translating.md).
translations: $(STAMP)
	$(BIN)/python scripts/translations.py update

# Every string marked, the .pot current, every .po complete and without fuzzy entries.
translations-check: $(STAMP) $(MO)
	$(BIN)/python scripts/translations.py check

check: $(STAMP)
	$(BIN)/hiprehab check routines/*.hiprehab.toml

# The wheel dist/hiprehab-<version>-py3-none-any.whl (hatch_build.py compiles the catalogues).
wheel: $(STAMP)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

# The PyInstaller folder dist/hiprehab/ (packaging/README.md); fails above the size budget.
# HIPREHAB_BUNDLE_SKIP=step,... builds without some of packaging/bundle_contents.py's steps.
bundle: $(STAMP) $(MO)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.6'
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build \
		packaging/hiprehab.spec
	$(BIN)/python packaging/bundle_size.py dist/hiprehab

# The Debian package dist/hiprehab_<version>_<arch>.deb, made from the bundle (needs dpkg-deb and
# strip; packaging/check-linux builds it and runs lintian and the desktop checks on it).
deb: bundle
	$(BIN)/python packaging/linux/build_deb.py

# The app's icons from assets/icons/hiprehab.svg: the ICO, the ICNS and the PNGs in assets/icons/,
# and the Linux icon theme's files in packaging/linux/icons/hicolor/ (all kept in git).
icons: $(STAMP)
	$(BIN)/python scripts/make_icon.py

# Every screenshot in docs/screenshots/, remade with the current code (starts its own Xvfb).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py --all

# Every benchmark, one table at the end (misses marked); exits 1 after it if a target was missed.
benchmarks: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .venv-qt-free build dist .pytest_cache .mypy_cache .ruff_cache
