"""Big one-line texts that fit their room: the font shrinks rather than the text being cut off.

The player's header and side are read from the mat, so they are as big as the room allows; but a
long exercise name, or the same words in German (often a third longer than the English), must
not be cut off at the window's smallest size. `FitLabel` keeps its largest font while the text
fits and shrinks it, down to a floor, when it does not. Its width never asks the layout for more
room (the layout decides, the font follows), and its height stays that of the largest font, so
the page does not jump when the text changes.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

SMALLEST_SHARE = 0.45  # the font never shrinks below this share of its largest size


class FitLabel(QLabel):
    """A one-line label whose font is `largest` pixels, or smaller when the text needs it."""

    def __init__(self, largest: int, *, bold: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._largest = largest
        font = QFont(self.font())
        font.setBold(bold)
        font.setPixelSize(largest)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._keep_height()

    @property
    def largest(self) -> int:
        return self._largest

    def set_largest(self, pixels: int) -> None:
        """A new largest size (the countdown follows the window's height)."""
        if pixels != self._largest:
            self._largest = pixels
            self._keep_height()
            self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    def _keep_height(self) -> None:
        font = QFont(self.font())
        font.setPixelSize(self._largest)
        margins = self.contentsMargins()
        self.setFixedHeight(QFontMetrics(font).height() + margins.top() + margins.bottom())

    def _fit(self) -> None:
        font = QFont(self.font())
        size = self._largest
        room = self.contentsRect().width()
        lines = self.text().split("\n")
        smallest = max(int(self._largest * SMALLEST_SHARE), 1)
        while room > 0 and size > smallest:
            font.setPixelSize(size)
            metrics = QFontMetrics(font)
            wide = max(metrics.horizontalAdvance(line) for line in lines)
            if wide <= room:
                break
            size = max(min(size - 1, int(size * room / wide)), smallest)
        if self.font().pixelSize() != size:
            font.setPixelSize(size)
            self.setFont(font)
