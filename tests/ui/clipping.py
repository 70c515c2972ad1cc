"""Words cut off on screen: a label, button, tab, combo box or column header narrower (or lower)
than its text needs, on every visible window.

German runs about a third longer than English, and at 200% scaling every rounding counts, so the
walk over every page and dialog runs this at each stop. The rules:

- a label without word wrap: as wide as its text (plain text: each line measured as it is drawn,
  in the label's contents less its margin; rich text: its size hint), and as high as its lines;
- a label with word wrap: as high as it needs at its width (`heightForWidth`);
- a button: room for its text, its icon and the style's margins (a push button: its size hint,
  or less where the style pads a short text up to a minimum width; a tool button, check box or
  radio button: its size hint), and at least one line high;
- a tab: its rectangle as wide as its size hint (no eliding);
- a combo box: its minimum size hint, and the current item's text whole in its text field;
- a column header: each visible section as wide as its title and margins.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

PM = QStyle.PixelMetric


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shown(tops: Iterable[QWidget]) -> Iterator[QWidget]:
    for top in tops:
        yield top
        for widget in top.findChildren(QWidget):
            if widget.window() is top and widget.isVisibleTo(top):  # a dialog is its own top
                yield widget


def _name(widget: QWidget) -> str:
    where = type(widget).__name__
    if widget.objectName():
        where += f" #{widget.objectName()}"
    return f"{type(widget.window()).__name__} > {where}"


def _label(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip():
        return None
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height():
            return f"{label.height()} px high at {label.width()} px wide, needs {need} px"
        return None
    if rich:
        hint = label.sizeHint()
        if label.width() < hint.width() or label.height() < hint.height():
            return f"{label.width()}x{label.height()} px, needs {hint.width()}x{hint.height()}"
        return None
    metrics = label.fontMetrics()
    lines = (text if label.textFormat() == Qt.TextFormat.PlainText else _plain(text)).split("\n")
    room = label.contentsRect().adjusted(
        label.margin(), label.margin(), -label.margin(), -label.margin()
    )
    wide = max(metrics.horizontalAdvance(line) for line in lines)
    if len(lines) == 1:  # the glyphs themselves: a big countdown digit has no descender
        high = metrics.tightBoundingRect(lines[0]).height()
    else:
        high = metrics.height() + (len(lines) - 1) * metrics.lineSpacing()
    if wide > room.width() or high > room.height():
        return f"{room.width()}x{room.height()} px, needs {wide}x{high}"
    return None


def _button(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text.strip():
        return None
    if isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return None
        need = button.sizeHint().width()
    elif isinstance(button, (QCheckBox, QRadioButton)):
        need = button.sizeHint().width()
    else:
        style = button.style()
        margin = 2 * (
            style.pixelMetric(PM.PM_ButtonMargin) + style.pixelMetric(PM.PM_DefaultFrameWidth)
        )
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        if isinstance(button, QPushButton) and button.menu() is not None:
            margin += style.pixelMetric(PM.PM_MenuButtonIndicator)
        advance = max(button.fontMetrics().horizontalAdvance(t) for t in text.split("\n"))
        need = min(button.sizeHint().width(), advance + margin + icon)
    high = button.fontMetrics().height()
    if button.width() < need or button.height() < high:
        return f"{button.width()}x{button.height()} px, needs {need}x{high}"
    return None


def _tabs(bar: QTabBar) -> Iterator[str]:
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect = bar.tabRect(index)
        have, need = rect.width(), bar.tabSizeHint(index).width()
        if have < need:
            yield f"tab {bar.tabText(index)!r}: {have} px, needs {need} px"
        elif not bar.rect().contains(rect):
            yield f"tab {bar.tabText(index)!r}: partly out of sight, behind the scroll buttons"


def _combo(combo: QComboBox) -> str | None:
    need = combo.minimumSizeHint().width()
    if combo.width() < need:
        return f"{combo.width()} px wide, needs at least {need} px"
    if combo.isEditable() or not combo.currentText() or combo.objectName() == "lookInCombo":
        return None  # the file dialog's folder: a long path is shortened, as everywhere
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    icon = combo.iconSize().width() + 4 if not combo.itemIcon(combo.currentIndex()).isNull() else 0
    wide = combo.fontMetrics().horizontalAdvance(combo.currentText()) + icon
    if wide > field.width() - 2:  # the style draws the text 1 px in from either side
        return f"its text field is {field.width() - 2} px wide, the text needs {wide} px"
    return None


def _header(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return
    style = header.style()
    margin = 2 * style.pixelMetric(PM.PM_HeaderMargin)
    metrics = QFontMetrics(header.font())
    last = header.count() - 1
    for section in range(header.count()):
        title = model.headerData(section, Qt.Orientation.Horizontal)
        if header.isSectionHidden(section) or not isinstance(title, str) or not title:
            continue
        if section == last and header.stretchLastSection():
            continue  # it takes the rest of the width; a narrow view scrolls
        have, need = header.sectionSize(section), metrics.horizontalAdvance(title) + margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            need += style.pixelMetric(PM.PM_HeaderMarkSize)
        if have < need:
            yield f"column {title!r}: {have} px, needs {need} px"


def _outside(widget: QWidget) -> str | None:
    """Where a widget runs past the edge of a parent, which hides the rest (a parent too small
    for its layout); inside a scroll area that is scrolling, not clipping."""
    rect = widget.rect()
    child: QWidget = widget
    parent = widget.parentWidget()
    while parent is not None and not child.isWindow():
        if isinstance(parent, QAbstractScrollArea) or isinstance(
            parent.parentWidget(), QAbstractScrollArea
        ):
            return None
        rect = rect.translated(child.pos())
        if not parent.rect().contains(rect):
            hidden = rect.intersected(parent.rect())
            return (
                f"runs out of its {type(parent).__name__} ({parent.width()}x{parent.height()}): "
                f"{hidden.width()}x{hidden.height()} of {rect.width()}x{rect.height()} px shown"
            )
        child, parent = parent, parent.parentWidget()
    return None


def settle() -> None:
    """Let every layout that was asked to update do so: a layout's request to its parent is
    itself posted, so a change deep inside takes a few rounds to reach the window."""
    for _ in range(4):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        QApplication.processEvents()


def clipped(tops: Iterable[QWidget] | None = None) -> list[str]:
    """Every visible widget on the visible windows (or `tops`) whose words do not fit."""
    settle()
    windows = (
        list(tops)
        if tops is not None
        else [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    )
    found: list[str] = []
    for widget in _shown(windows):
        faults: list[str] = []
        if isinstance(widget, QLabel):
            faults.append(_label(widget) or "")
            text = widget.text()
        elif isinstance(widget, QAbstractButton):
            faults.append(_button(widget) or "")
            text = widget.text()
        elif isinstance(widget, QTabBar):
            faults.extend(_tabs(widget))
            text = ""
        elif isinstance(widget, QComboBox):
            faults.append(_combo(widget) or "")
            text = widget.currentText()
        elif isinstance(widget, QHeaderView):
            faults.extend(_header(widget))
            text = ""
        else:
            continue
        if text.strip():
            faults.append(_outside(widget) or "")
        shown = f" {_plain(text)[:80]!r}" if text else ""
        found.extend(f"{_name(widget)}{shown}: {fault}" for fault in faults if fault)
    return found
