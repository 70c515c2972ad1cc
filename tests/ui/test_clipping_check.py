"""The checks the German walk relies on see what they must: clipping.py reports a label, button,
tab, combo box or column cut short, and not one that fits; english_text.py finds English and
lets German be."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QTabBar,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.clipping import clipped
from tests.ui.english_text import english_in

LONG = "Einheit vorzeitig abgebrochen: Hüftkräftigung Woche 3"


def shown(qtbot: QtBot, *widgets: QWidget) -> QWidget:
    page = QWidget()
    column = QVBoxLayout(page)
    for widget in widgets:
        column.addWidget(widget)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_words_that_fit_are_not_reported(qtbot: QtBot) -> None:
    wrapped = QLabel(LONG * 3)
    wrapped.setWordWrap(True)
    combo = QComboBox()
    combo.addItems(["Mein eigener Verlauf", "Anna"])
    tabs = QTabBar()
    tabs.addTab("Bibliothek")
    page = shown(qtbot, QLabel(LONG), QLabel(f"<b>{LONG}</b>"), wrapped, QPushButton(LONG),
                 QCheckBox(LONG), combo, tabs)  # fmt: skip
    assert clipped([page]) == []


@pytest.mark.parametrize(
    "kind", ["label", "rich label", "wrapped label", "button", "check box", "tab", "combo box"]
)
def test_words_cut_short_are_reported(qtbot: QtBot, kind: str) -> None:
    widget: QWidget
    if kind == "label":
        widget = QLabel(LONG)
    elif kind == "rich label":
        widget = QLabel(f"<b>{LONG}</b>")
    elif kind == "wrapped label":
        widget = QLabel(LONG * 3)
        widget.setWordWrap(True)
    elif kind == "button":
        widget = QPushButton(LONG)
    elif kind == "check box":
        widget = QCheckBox(LONG)
    elif kind == "tab":
        widget = QTabBar()
        widget.setElideMode(Qt.TextElideMode.ElideRight)
        widget.setUsesScrollButtons(False)
        widget.addTab(LONG)
    else:
        widget = QComboBox()
        widget.addItem(LONG)
        widget.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        widget.setMinimumContentsLength(4)
    if kind == "wrapped label":
        widget.setFixedSize(120, 30)
    else:
        widget.setFixedWidth(90)
    page = shown(qtbot, widget)
    found = clipped([page])
    assert len(found) == 1, found
    assert type(widget).__name__ in found[0]


def test_a_tab_behind_the_scroll_buttons_is_reported(qtbot: QtBot) -> None:
    tabs = QTabBar()
    tabs.setUsesScrollButtons(True)
    tabs.addTab(LONG)
    tabs.setFixedWidth(90)
    (found,) = clipped([shown(qtbot, tabs)])
    assert "out of sight" in found


def test_a_label_running_out_of_its_parent_is_reported(qtbot: QtBot) -> None:
    box = QWidget()
    box.setFixedSize(200, 40)
    label = QLabel("Satz 1 von 2", box)
    label.move(150, 0)
    label.resize(label.sizeHint())
    (found,) = clipped([shown(qtbot, box)])
    assert "runs out of its QWidget" in found


def test_a_column_narrower_than_its_title_is_reported(qtbot: QtBot) -> None:
    tree = QTreeWidget()
    tree.setHeaderLabels(["Übungen", "Dauer", "Programm"])
    tree.header().setStretchLastSection(True)
    tree.header().resizeSection(0, 30)
    page = shown(qtbot, tree)
    (found,) = clipped([page])
    assert "'Übungen'" in found


@pytest.mark.parametrize(
    "text",
    [
        "Set 2 of 3",  # a message, filled in
        "By Sam  ·  3 exercises",  # a message of two words, inside a longer line
        "Cancel",  # Qt's own word
        "1. Clamshell (optional)",  # the library's
        "Lie on your side with your hips and knees bent",  # reads as English
    ],
)
def test_english_is_found(text: str) -> None:
    assert english_in(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Satz 2 von 3",
        "Von Frau Muster  ·  3 Übungen",
        "Pause",  # the same in both languages
        "Abbrechen",
        "/home/sam/routines/short-test.toml",
        "Einheit vorzeitig abgebrochen: Hip basics",  # a user's own English title
    ],
)
def test_german_is_not_taken_for_english(text: str) -> None:
    assert english_in(text) is None
