"""Exercise pictures: the animated body figure in the player and small thumbnails in the library.

The picture for an exercise is, in order: the routine's own image file, the drawn figure for its
library id (`hiprehab.core.figure`, animated between start and end pose), the static
`assets/illustrations/<id>-start.svg`, or, when there is none, the exercise's name in large text.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from hiprehab.core.routine import Exercise

log = logging.getLogger(__name__)

CARD_COLOUR = "#fbfbfc"  # drawings are made for a light background; keep them on a light card


def _figure_module() -> ModuleType | None:
    """The figure renderer, or None when it is missing or broken (names are shown instead)."""
    if importlib.util.find_spec("hiprehab.core.figure") is None:
        return None
    try:
        return importlib.import_module("hiprehab.core.figure")
    except ImportError as exc:
        log.warning("exercise figures unavailable, showing names instead: %s", exc)
        return None


def figure_id(exercise: Exercise) -> str | None:
    return exercise.illustration or exercise.library_id


class FigureSource:
    """Renders SVG text for an exercise id and pose position; caches the last few frames."""

    def __init__(self, module: ModuleType | None = None, *, load: bool = True) -> None:
        self._module = module if module is not None or not load else _figure_module()
        self._ids: set[str] | None = None
        self._cache: dict[tuple[str, int, bool], QSvgRenderer] = {}
        if self._module is not None and importlib.util.find_spec("hiprehab.core.poses"):
            poses = importlib.import_module("hiprehab.core.poses")
            self._ids = set(getattr(poses, "EXERCISE_IDS", ()))

    @property
    def available(self) -> bool:
        return self._module is not None

    def knows(self, exercise_id: str | None) -> bool:
        if self._module is None or not exercise_id:
            return False
        return self._ids is None or exercise_id in self._ids

    def renderer(self, exercise_id: str, position: float, mirrored: bool) -> QSvgRenderer:
        """A renderer for the figure at `position` (0 start pose .. 1 end pose)."""
        assert self._module is not None
        step = round(min(max(position, 0.0), 1.0) * 200)  # 0.5 % steps: smooth and cacheable
        key = (exercise_id, step, mirrored)
        found = self._cache.get(key)
        if found is None:
            svg = self._module.render_svg(exercise_id, step / 200, mirrored=mirrored)
            found = QSvgRenderer(QByteArray(svg.encode("utf-8")))
            if len(self._cache) > 400:
                self._cache.clear()
            self._cache[key] = found
        return found


def _image_renderer(path: Path) -> QSvgRenderer | QImage | None:
    if not path.is_file():
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        return renderer if renderer.isValid() else None
    image = QImage(str(path))
    return None if image.isNull() else image


def _draw(painter: QPainter, picture: QSvgRenderer | QImage, area: QRectF) -> None:
    """Draw keeping the picture's proportions, centred in `area`."""
    if isinstance(picture, QSvgRenderer):
        size = picture.defaultSize()
        w, h = max(size.width(), 1), max(size.height(), 1)
    else:
        w, h = max(picture.width(), 1), max(picture.height(), 1)
    scale = min(area.width() / w, area.height() / h)
    target = QRectF(0, 0, w * scale, h * scale)
    target.moveCenter(area.center())
    painter.save()
    painter.setClipRect(target)  # drawings may reach past their frame; keep them on the card
    if isinstance(picture, QSvgRenderer):
        picture.render(painter, target)
    else:
        painter.drawImage(target, picture)
    painter.restore()


class IllustrationWidget(QWidget):
    """The large picture in the player: animated figure, the routine's own image, or the name."""

    def __init__(self, figures: FigureSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._figures = figures
        self._exercise: Exercise | None = None
        self._position = 0.0
        self._mirrored = False
        self._image: QSvgRenderer | QImage | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 180)
        self.setAccessibleName("Exercise illustration")

    @property
    def mode(self) -> str:
        """"image", "figure", "name" or "empty": what is being drawn (for tests and a11y)."""
        if self._exercise is None:
            return "empty"
        if self._image is not None:
            return "image"
        if self._figures.knows(figure_id(self._exercise)):
            return "figure"
        return "name"

    @property
    def position(self) -> float:
        return self._position

    @property
    def mirrored(self) -> bool:
        return self._mirrored

    def show_exercise(self, exercise: Exercise | None, position: float, mirrored: bool) -> None:
        changed = exercise is not self._exercise
        if changed:
            self._exercise = exercise
            self._image = _image_renderer(exercise.image) if exercise and exercise.image else None
            self.setAccessibleDescription(exercise.name if exercise else "")
        if changed or position != self._position or mirrored != self._mirrored:
            self._position = position
            self._mirrored = mirrored
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CARD_COLOUR))
        painter.drawRoundedRect(area, 16, 16)
        inner = area.adjusted(16, 16, -16, -16)
        mode = self.mode
        if mode == "image" and self._image is not None:
            _draw(painter, self._image, inner)
        elif mode == "figure" and self._exercise is not None:
            fid = figure_id(self._exercise)
            assert fid is not None
            _draw(painter, self._figures.renderer(fid, self._position, self._mirrored), inner)
        elif self._exercise is not None:
            font = QFont(self.font())
            font.setPixelSize(max(int(inner.height() / 8), 18))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#333a40"))
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._exercise.name
            )
        painter.end()


def thumbnail(
    exercise: Exercise, figures: FigureSource, illustrations: Path | None, size: QSize
) -> QPixmap | None:
    """A small still picture of the exercise's start pose, or None when there is none."""
    picture: QSvgRenderer | QImage | None = None
    if exercise.image is not None:
        picture = _image_renderer(exercise.image)
    fid = figure_id(exercise)
    if picture is None and fid and illustrations is not None:
        picture = _image_renderer(illustrations / f"{fid}-start.svg")
    if picture is None and fid and figures.knows(fid):
        picture = figures.renderer(fid, 0.0, False)
    if picture is None:
        return None
    pixmap = QPixmap(size)
    pixmap.fill(QColor(CARD_COLOUR))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _draw(painter, picture, QRectF(2, 2, size.width() - 4, size.height() - 4))
    painter.end()
    return pixmap
