"""Help > Routine format and About hiprehab in the language in use: the German format page where
it is shipped, the English one otherwise, and a translated summary when no page is shipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox, QTextBrowser

from hiprehab import __version__, resources
from hiprehab.ui.help_dialogs import translated_doc
from hiprehab.ui.main_window import MainWindow


def page_text(dialog: QDialog) -> str:
    browser = dialog.findChild(QTextBrowser)
    assert browser is not None
    return browser.toPlainText()


def test_the_format_page_in_english(window: MainWindow) -> None:
    dialog = window.show_routine_format()
    try:
        assert dialog.windowTitle() == "Routine file format"
        text = page_text(dialog)
        assert text.startswith("Writing a routine file (format 1)")
        assert "Every key" in text and "Alle Schlüssel" not in text
    finally:
        dialog.close()


@pytest.mark.usefixtures("german")
def test_the_format_page_in_german(window: MainWindow) -> None:
    dialog = window.show_routine_format()
    try:
        assert dialog.windowTitle() == "Format der Programmdateien"
        text = page_text(dialog)
        assert text.startswith("Eine Programmdatei schreiben (Format 1)")
        assert "Alle Schlüssel" in text and "Übersetzungen" in text
        assert "Every key" not in text
        # the keys stay English, the words around them are German
        assert "sessions_per_week" in text and "Wie oft das Programm gemacht werden soll" in text
    finally:
        dialog.close()


@pytest.mark.usefixtures("german")
def test_the_summary_in_german_when_no_page_is_shipped(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "routine_format_doc", lambda: None)
    dialog = window.show_routine_format()
    try:
        text = page_text(dialog)
        assert text.startswith("Programmdateien")
        assert "Prüf eine Datei mit hiprehab check NAME.hiprehab.toml" in text
    finally:
        dialog.close()


@pytest.mark.usefixtures("german")
def test_about_in_german(window: MainWindow) -> None:
    about = window.show_about()
    try:
        assert isinstance(about, QMessageBox)
        assert about.windowTitle() == "Über hiprehab"
        assert about.text().startswith(f"hiprehab {__version__}\n\nAngeleitete Übungsprogramme")
        assert "Läuferinnen und Läufer mit Hüftschmerzen" in about.text()
    finally:
        about.close()


def test_a_language_without_a_page_gets_the_english_one(tmp_path: Path) -> None:
    english = tmp_path / "routine-format.md"
    english.write_text("# Writing a routine file\n", encoding="utf-8")
    (tmp_path / "routine-format.de.md").write_text("# Eine Programmdatei\n", encoding="utf-8")
    assert translated_doc(english, "de") == tmp_path / "routine-format.de.md"
    assert translated_doc(english, "fr") == english
    assert translated_doc(english, "en") == english


def test_the_shipped_page_has_its_german_translation_beside_it() -> None:
    doc = resources.routine_format_doc()
    assert doc is not None
    assert translated_doc(doc, "de").name == "routine-format.de.md"
