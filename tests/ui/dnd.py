"""Simulated drag and drop of files onto a widget, as a file manager would send it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWidget


def _mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def drag_enter(widget: QWidget, path: Path) -> bool:
    """Drag `path` over the widget's centre; True when the widget accepts it."""
    mime = _mime(path)  # the event only points at it: keep it alive while it is delivered
    event = QDragEnterEvent(  # Qt 6 takes an integer point here, a float one for the drop
        widget.rect().center(), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def drop(widget: QWidget, path: Path) -> bool:
    """Drop `path` on the widget's centre (after a drag enter); True when it is accepted."""
    mime = _mime(path)
    event = QDropEvent(
        QPointF(widget.rect().center()), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()
