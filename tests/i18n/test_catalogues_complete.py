"""The catalogues against the code (scripts/translations.py, also run by `.ci/run`): every string
a user reads is marked, the .pot is current, and every .po is complete, not fuzzy and compiled."""

from __future__ import annotations

import gettext
import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts/translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translations", module)
    spec.loader.exec_module(module)
    return module


translations = _load()


def test_every_string_for_the_user_is_marked() -> None:
    assert [str(u) for u in translations.unmarked()] == []


def test_the_template_holds_exactly_the_marked_strings() -> None:
    assert translations.template_faults() == []


def test_every_catalogue_is_complete_without_fuzzy_entries() -> None:
    assert translations.catalogue_faults() == []


def test_the_compiled_catalogue_says_what_the_po_says() -> None:
    for po in translations.po_files():
        catalog = translations._read(po, po.parent.parent.name)
        with po.with_suffix(".mo").open("rb") as file:
            compiled = gettext.GNUTranslations(file)
        for message in catalog:
            if message.string and not message.pluralizable and not message.context:
                assert compiled.gettext(message.id) == message.string


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('label.setText("Start session")', ["Start session"]),
        ('tabs.addTab(page, "Library")', ["Library"]),
        ('x = f"Pain before: {score}"', ["Pain before: {}"]),
        ('label.setText(_("Start session"))', []),
        ('TITLES = {"green": N_("Coping well")}', []),
        ('log.info("window shown in %s ms", ms)', []),
        ('raise ValueError("bad index given")', []),
        ('raise RoutineError("bad value given")', ["bad value given"]),
        ('conn.execute("SELECT id FROM sessions")', []),
        ('if kind == "work step":\n    pass', []),
        ('name = "lateral-band-walk"', []),
        ('path = "docs/routine-format.md"', []),
        ('style = "QLabel { color: red; }"', []),
        ('font = "DejaVu Sans"  # i18n: ignore', []),
        ('def f() -> None:\n    """Says what it does, in words."""', []),
    ],
)
def test_the_unmarked_check_tells_words_from_code(
    tmp_path: Path, source: str, found: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "hiprehab" / "sample.py"
    module.parent.mkdir()
    module.write_text(textwrap.dedent(source) + "\n")
    monkeypatch.setattr(translations, "ROOT", tmp_path)
    assert [u.text for u in translations.unmarked_in(module)] == found
