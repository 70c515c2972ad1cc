"""The window, the library page, its dialogs and the self-test in German: real German words,
plurals, dates and accelerators, not only "something other than English"."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab.history.store import HistoryStore
from hiprehab.routine.model import Exercise
from hiprehab.ui.adjustment_offer import day_text
from hiprehab.ui.dialogs import ProblemsDialog
from hiprehab.ui.exercise_info import ExerciseInfoPanel
from hiprehab.ui.main_window import MainWindow
from hiprehab.ui.player.illustration import FigureSource
from hiprehab.ui.self_test import SelfTestInputs, run_self_test
from hiprehab.ui.self_test_audio import PartFailed, check_voice, check_wav
from tests.ui.player.test_guidance_screens import add

pytestmark = pytest.mark.usefixtures("german")

ONE_EXERCISE = """\
format = 1
title = "Nur eine"
author = "Frau Muster"

[schedule]
sessions_per_week = 1

[[exercise]]
use = "plank"
sets = 1
hold = 20
optional = true
"""


def menus(window: MainWindow) -> dict[str, list[str]]:
    found = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        assert menu is not None
        found[action.text()] = [a.text() for a in menu.actions() if not a.isSeparator()]
    return found


def test_the_menus_and_pages_are_german_with_an_accelerator_each(window: MainWindow) -> None:
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs == ["Bibliothek", "Einheit", "Verlauf"]
    shown = menus(window)
    assert shown["&Datei"] == ["&Programm öffnen…", "Zuletzt geöffnete Programme", "&Beenden"]
    assert shown["&Ansicht"][:4] == ["Bibliothek", "Einheit", "Verlauf", "Vollbild"]
    assert "&Erscheinungsbild" in shown["&Ansicht"] and "&Toneinstellungen…" in shown["&Ansicht"]
    assert shown["&Hilfe"] == ["&Format der Programmdateien", "Ü&ber hiprehab"]
    themes = [a.text() for a in window.theme_actions.values()]
    assert themes == ["System", "Hell", "Dunkel"]
    # one letter each in the menu bar, none taken twice
    keys = [QKeySequence.mnemonic(title).toString() for title in shown]
    assert all(keys) and len(set(keys)) == len(keys)
    assert window.fullscreen_action.toolTip() == "Vollbild ein oder aus (F11)"


def test_the_library_page_speaks_german(window: MainWindow, tmp_path: Path) -> None:
    library = window.library
    tree = library.tree
    headers = [tree.headerItem().text(c) for c in range(tree.columnCount())]
    assert headers == ["Programm", "Autor", "Übungen", "Dauer"]
    assert tree.topLevelItem(0).text(0) == "Mitgelieferte Programme"
    assert tree.topLevelItem(1).child(0).text(0) == "Noch keine: Datei öffnen oder hierher ziehen"
    assert library.start_button.text() == "Starten"
    assert library.open_button.text() == "&Programmdatei öffnen…"

    single = tmp_path / "one.toml"
    single.write_text(ONE_EXERCISE, encoding="utf-8")
    assert window.open_routine_file(single)
    facts = library.meta.text().split("  ·  ")
    # the singular, and "about" in German
    assert facts[0] == "Von Frau Muster"
    assert "1 Übung" in facts and "1 Einheit pro Woche" in facts and "dein Programm" in facts
    assert any(f.startswith("etwa ") for f in facts)
    (row,) = library.exercise_rows()
    assert row.name.text().startswith("1. ") and row.name.text().endswith(" (optional)")
    library.select(next(e.path for e in library.entries() if e.builtin))
    facts = library.meta.text().split("  ·  ")
    assert any(f.endswith(" Übungen") for f in facts)
    assert any(f.endswith(" Einheiten pro Woche") for f in facts) and "mitgeliefert" in facts


def test_removing_a_routine_asks_in_german(
    window: MainWindow, dialogs: Any, routine_file: Path
) -> None:
    assert window.open_routine_file(routine_file)
    window.library.remove_button.click()
    box = dialogs.wait(QMessageBox)
    assert box.windowTitle() == "Programm entfernen?"
    assert box.text() == (
        "„Short test routine“ aus deinen Programmen entfernen? Dein Übungsverlauf bleibt "
        "erhalten, und du kannst die Datei jederzeit wieder öffnen."
    )
    assert sorted(b.text() for b in box.buttons()) == ["Behalten", "Entfernen"]
    next(b for b in box.buttons() if b.text() == "Behalten").click()
    assert window.library.current_entry() is not None


def test_a_broken_file_says_how_many_problems_with_the_right_plural(qtbot: QtBot) -> None:
    one = ProblemsDialog("a.toml", ["a.toml:1: title: fehlt"])
    three = ProblemsDialog("b.toml", ["1", "2", "3"])
    for dialog in (one, three):
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Diese Programmdatei kann nicht geöffnet werden"
    heading = [label.text() for label in one.findChildren(QLabel)][0]
    assert heading.startswith("<b>a.toml</b> hat 1 Problem und wurde nicht geöffnet.")
    assert "Korrigiere die Zeile unten" in heading
    heading = [label.text() for label in three.findChildren(QLabel)][0]
    assert heading.startswith("<b>b.toml</b> hat 3 Probleme und wurde nicht geöffnet.")
    assert "Korrigiere die Zeilen unten" in heading


def test_the_banner_and_its_warning_signs_are_german(
    qtbot: QtBot, make_window: Any, store: HistoryStore
) -> None:
    add(store, 2, before=3, after=9)
    window = make_window()
    banner = window.guidance_banner
    assert banner.swatch.toolTip() == "Schmerzeinschätzung: rot"
    assert banner.signs_button.accessibleName() == "Warnzeichen anzeigen"
    banner.show_warning_signs()
    box = banner.findChild(QMessageBox)
    assert box is not None
    assert box.windowTitle() == "Lass dich von einer Fachperson untersuchen"
    box.close()


def test_short_dates_are_written_the_german_way() -> None:
    moment = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    assert day_text(moment, UTC) == "2. März"
    assert day_text(datetime(2026, 12, 24, 12, 0, tzinfo=UTC), UTC) == "24. Dez."


def test_about_this_exercise_has_german_headings(qtbot: QtBot) -> None:
    own = Exercise("Seitliches Beinheben", "each", 2, 5, 0, 2, 30, "Hebe das obere Bein.",
                   ("Langsam und gleichmäßig",))  # fmt: skip
    panel = ExerciseInfoPanel(FigureSource())
    qtbot.addWidget(panel)
    panel.show_exercise(own)
    assert panel.texts == {
        "So geht’s": "Hebe das obere Bein.",
        "Hinweise": "•  Langsam und gleichmäßig",
    }
    assert panel.close_button.text() == "Schließen"
    assert panel.close_button.toolTip() == "Schließen (I oder Esc)"


def test_the_exercise_window_counts_in_german(
    qtbot: QtBot, window: MainWindow, dialogs: Any
) -> None:
    library = window.library
    entry = library.current_entry()
    assert entry is not None and entry.routine is not None
    count = len(entry.routine.exercises)
    library.info.open_at(0)
    dialog = library.info.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "Über diese Übung"
    assert dialog.position.text() == f"Übung 1 von {count}"
    assert dialog.next_button.text() == "&Nächste Übung →"
    # the tooltip names the German accelerator, not the English one
    assert QKeySequence.mnemonic(dialog.previous_button.text()).toString() == "Alt+V"
    assert dialog.previous_button.toolTip().endswith("(Alt+V)")
    dialog.close()


def test_the_self_test_prints_german_lines(qtbot: QtBot, tmp_path: Path) -> None:
    out = io.StringIO()
    code = run_self_test(SelfTestInputs(routines_folder=tmp_path), out=out)
    assert code == 1
    lines = out.getvalue().splitlines()
    # status words padded to the widest German one ("Hinweis"), so the part names line up
    assert lines[0].startswith("ok      Fenster: Hauptfenster erstellt und angezeigt (")
    assert f"FEHLER  Programme: keine mitgelieferten Programme in {tmp_path}" in lines
    assert (
        "FEHLER  Abbildungen: es wurde kein Programm geladen, also gibt es nichts zu zeichnen"
        in lines
    )
    assert lines[-1] == "Selbsttest fehlgeschlagen: Programme, Abbildungen, Verlauf"


def test_the_self_tests_audio_parts_in_german(qtbot: QtBot, tmp_path: Path) -> None:
    assert check_voice([]).detail == "keine Stimme verfügbar (keine Sprachausgabe installiert)"
    assert check_voice(["mock"]).detail == "Sprachausgabe 'mock' bereit"
    with pytest.raises(PartFailed, match="^missing.wav fehlt in "):
        check_wav(tmp_path / "missing.wav")


def test_a_history_that_cannot_be_written_is_said_in_german(
    window: MainWindow, dialogs: Any
) -> None:
    assert window.tabs.accessibleName() == "Seiten"
    assert window.library.note.accessibleName() == "Keine medizinische Beratung"
    window._store_failed("Der Datenträger ist voll.")
    box = dialogs.wait(QMessageBox)
    assert box.windowTitle() == "Verlauf nicht gespeichert"
    assert box.text() == (
        "Der Datenträger ist voll.\n\nDu kannst weiter trainieren; diese Einheit wird aber "
        "nicht in deinem Verlauf stehen."
    )
    box.close()
