"""What a user can read on screen, and which of it is English that has a translation.

Used by the test that walks every page and dialog in German: it collects every text a widget
shows (labels, buttons, tabs, menus, list and table cells, headers, tooltips, placeholders,
window titles) and holds them against the English catalogue (every message id whose German
differs, with its {placeholders} matching anything) and the English texts of the library and
built-in routines.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from hiprehab.i18n import _, ngettext, pgettext

ROOT = Path(__file__).resolve().parents[2]
POT = ROOT / "hiprehab" / "locale" / "hiprehab.pot"
LIBRARY_TEXT_KEYS = (
    "name",
    "trains",
    "instructions",
    "cues",
    "mistakes",
    "easier",
    "harder",
    "feel",
    "cautions",
    "directions",
    "title",
    "description",
)


@dataclass(frozen=True)
class Seen:
    where: str
    text: str


def _plain(text: str) -> str:
    if Qt.mightBeRichText(text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _texts_of(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    elif isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget.tabText(index)
            yield widget.tabToolTip(index)
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield widget.itemText(index)
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield widget.placeholderText()
        yield from widget.toPlainText().splitlines()
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(min(model.rowCount(), 200)):
            for column in range(model.columnCount()):
                index = model.index(row, column, QModelIndex())
                value = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(value, str):
                    yield value
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield tip
        for section in range(model.columnCount()):
            value = model.headerData(section, Qt.Orientation.Horizontal)
            if isinstance(value, str):
                yield value
    yield widget.toolTip()
    yield widget.accessibleName()
    if widget.isWindow():
        yield widget.windowTitle()


def _menu_texts(menu: QMenu, where: str) -> Iterator[Seen]:
    for action in menu.actions():
        yield Seen(f"{where} > menu", action.text())
        yield Seen(f"{where} > menu tooltip", action.toolTip())
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), where)  # type: ignore[arg-type]


def visible_texts(windows: Iterable[QWidget] | None = None) -> list[Seen]:
    """Every text on the visible windows (or the given ones), one entry per line of text."""
    seen: list[Seen] = []
    tops = (
        list(windows)
        if windows is not None
        else [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    )
    for top in tops:
        name = type(top).__name__
        for widget in [top, *top.findChildren(QWidget)]:
            if widget is not top and not widget.isVisibleTo(top):
                continue
            for text in _texts_of(widget):
                for line in _plain(text or "").splitlines():
                    seen.append(Seen(f"{name} > {type(widget).__name__}", line))
        if isinstance(top, QMainWindow):
            for action in top.menuBar().actions():
                seen.append(Seen(f"{name} > menu bar", action.text()))
                if action.menu() is not None:
                    seen.extend(_menu_texts(action.menu(), name))  # type: ignore[arg-type]
    return [Seen(s.where, _plain(s.text)) for s in seen if s.text and s.text.strip()]


def _pattern(message: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^{}]*\}", _plain(message))
    return re.compile(r"\s*" + r".+?".join(re.escape(p) for p in parts) + r"\s*", re.DOTALL)


def english_catalogue() -> list[tuple[str, re.Pattern[str]]]:
    """Every English message whose German differs, as (message, pattern of its filled form)."""
    with POT.open("rb") as file:
        template = read_po(file)
    found = []
    for message in template:
        if not message.id:
            continue
        forms = message.id if isinstance(message.id, tuple) else (message.id,)
        for number, form in enumerate(forms):
            if isinstance(message.id, tuple):
                german = (
                    ngettext(forms[0], forms[1], 1 if number == 0 else 5)
                    if message.context is None
                    else form
                )
            elif message.context:
                german = pgettext(message.context, form)
            else:
                german = _(form)
            if german != form and re.search(r"[A-Za-z]{2}", re.sub(r"\{[^{}]*\}", "", form)):
                found.append((form, _pattern(form)))
    return found


def english_content() -> set[str]:
    """The English texts of the library and the built-in routines (lines, each once)."""
    texts: set[str] = set()

    def add(value: object) -> None:
        if isinstance(value, str):
            texts.update(line.strip() for line in value.splitlines() if line.strip())
        elif isinstance(value, list):
            for item in value:
                add(item)

    for path in sorted((ROOT / "routines").rglob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        german = data.get("translations", {}).get("de", {})
        for key in LIBRARY_TEXT_KEYS:
            if key in data and data[key] != german.get(key):
                add(data[key])
    return texts


def english_on_screen(seen: list[Seen]) -> list[Seen]:
    """The entries of `seen` that are English words with a German translation."""
    catalogue = english_catalogue()
    content = english_content()
    exact = {message for message, _ in catalogue}
    patterns = [pattern for message, pattern in catalogue if "{" in message]
    english = []
    for item in seen:
        text = item.text.strip()
        if text in exact or text in content or any(p.fullmatch(text) for p in patterns):
            english.append(item)
    return english
