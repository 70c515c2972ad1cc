"""What a user can read on screen, and which of it is English.

Used by the test that walks every page and dialog in German: `visible_texts` collects every text
a widget shows (labels, buttons and their menus, tabs, menus, list, tree and table cells,
headers, tooltips, placeholders, accessible names and descriptions, window titles, the status
bar, progress bars, the prose of text views and the words drawn in plots), one entry per line;
`english_on_screen` keeps those that are English (english_text.py says how it knows).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QTextDocument, QTextFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QStatusBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui.english_text import english_in, plain

MAX_ROWS = 200  # of a list, tree or table: enough to see every kind of cell


@dataclass(frozen=True)
class Seen:
    where: str  # "Window > WidgetClass #objectName"
    text: str
    qt: bool = False  # a standard button's text, written by Qt itself (its catalogue's)


def _cells(model: QAbstractItemModel, parent: QModelIndex, budget: list[int]) -> Iterator[str]:
    """Every cell's text and tooltip under `parent`, children of tree rows included."""
    for row in range(model.rowCount(parent)):
        if budget[0] <= 0:
            return
        budget[0] -= 1
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield value
        first = model.index(row, 0, parent)
        if model.hasChildren(first):
            yield from _cells(model, first, budget)


def _headers(model: QAbstractItemModel, orientation: Qt.Orientation) -> Iterator[str]:
    count = model.columnCount() if orientation == Qt.Orientation.Horizontal else 0
    for section in range(count):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(section, orientation, role)
            if isinstance(value, str):
                yield value


def _scene_texts(view: QGraphicsView) -> Iterator[str]:
    """The words drawn in a plot: axis labels, legends, titles, text items, their tooltips."""
    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        if not item.isVisible():
            continue
        if isinstance(item, QGraphicsTextItem):
            yield item.toPlainText()
        elif isinstance(item, QGraphicsSimpleTextItem):
            yield item.text()
        yield item.toolTip()


def _is_code(fragment: QTextFragment) -> bool:
    chars = fragment.charFormat()
    return chars.fontFixedPitch() or "monospace" in (chars.fontFamilies() or [])


def _document_lines(document: QTextDocument) -> Iterator[str]:
    """Each paragraph of a rich text view, without its code: Markdown's code spans and blocks
    (set in a fixed-pitch font) show keys, files and commands as they are typed, which stay
    English (the routine format page's examples)."""
    block = document.begin()
    while block.isValid():
        if not block.blockFormat().nonBreakableLines():  # not a code block
            prose = []
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                if fragment.isValid():
                    prose.append("…" if _is_code(fragment) else fragment.text())
                fragments += 1
            yield "".join(prose)
        block = block.next()


def _texts_of(widget: QWidget) -> Iterator[str]:
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield widget.text()
    if isinstance(widget, QAbstractButton) and hasattr(widget, "menu"):
        menu = widget.menu()
        if isinstance(menu, QMenu):
            for action in menu.actions():
                yield action.text()
                yield action.toolTip()
    if isinstance(widget, QGroupBox):
        yield widget.title()
    elif isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield widget.tabText(index)
            yield widget.tabToolTip(index)
    elif isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield widget.itemText(index)
            tip = widget.itemData(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield tip
        yield widget.placeholderText()
    elif isinstance(widget, QLineEdit):
        yield widget.placeholderText()
    elif isinstance(widget, QTextEdit):
        yield widget.placeholderText()
        yield from _document_lines(widget.document())
    elif isinstance(widget, QPlainTextEdit):
        yield widget.placeholderText()
        yield from widget.toPlainText().splitlines()
    elif isinstance(widget, QAbstractSpinBox):
        yield widget.text()
        yield widget.specialValueText()
    elif isinstance(widget, QProgressBar):
        yield widget.text()
    elif isinstance(widget, QStatusBar):
        yield widget.currentMessage()
    elif isinstance(widget, QHeaderView) and widget.model() is not None:
        yield from _headers(widget.model(), widget.orientation())
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from _cells(widget.model(), widget.rootIndex(), [MAX_ROWS])
    elif isinstance(widget, QMenu) and widget.isWindow():
        for action in widget.actions():
            yield action.text()
            yield action.toolTip()
    elif isinstance(widget, QGraphicsView):
        yield from _scene_texts(widget)
    yield widget.toolTip()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    if widget.isWindow():
        yield widget.windowTitle()


def _is_qt_word(widget: QWidget) -> bool:
    """A standard button of a button box (a QMessageBox's too): Qt writes its text."""
    box = widget.parent()
    return (
        isinstance(widget, QAbstractButton)
        and isinstance(box, QDialogButtonBox)
        and box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton
    )


def _menu_texts(menu: QMenu, where: str) -> Iterator[Seen]:
    for action in menu.actions():
        yield Seen(f"{where} > menu", action.text())
        yield Seen(f"{where} > menu tooltip", action.toolTip())
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), where)  # type: ignore[arg-type]


def _name(widget: QWidget) -> str:
    name = type(widget).__name__
    return f"{name} #{widget.objectName()}" if widget.objectName() else name


def visible_texts(windows: Iterable[QWidget] | None = None) -> list[Seen]:
    """Every text on the visible windows (or the given ones), one entry per line of text."""
    seen: list[Seen] = []
    tops = (
        list(windows)
        if windows is not None
        else [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    )
    for top in tops:
        name = _name(top)
        for widget in [top, *top.findChildren(QWidget)]:
            if widget is not top and (widget.window() is not top or not widget.isVisibleTo(top)):
                continue  # hidden, or a dialog of its own: read as one of the windows
            qt = _is_qt_word(widget)
            for text in _texts_of(widget):
                for line in plain(text or "").splitlines():
                    seen.append(Seen(f"{name} > {_name(widget)}", line, qt))
        if isinstance(top, QMainWindow):
            for action in top.menuBar().actions():
                seen.append(Seen(f"{name} > menu bar", action.text()))
                if action.menu() is not None:
                    seen.extend(_menu_texts(action.menu(), name))  # type: ignore[arg-type]
    return [Seen(s.where, plain(s.text), s.qt) for s in seen if s.text and s.text.strip()]




def english_on_screen(seen: list[Seen]) -> list[Seen]:
    """The entries of `seen` that are English words with a German translation (english_text.py
    says which, and `english_in(text)` why)."""
    return [item for item in seen if english_in(item.text) is not None]
