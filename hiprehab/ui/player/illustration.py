"""Exercise pictures: the animated body figure in the player and small thumbnails in the library.

The picture for an exercise is, in order: the routine's own image file, the drawn figure for its
library id (`hiprehab.drawing.figure`, animated between start and end pose), the static
`assets/illustrations/<id>-start.svg`, or, when there is none, the exercise's name in large text.
Pictures sit on a rounded card that follows the palette (near-white in a light theme, a slightly
lifted surface in a dark one: the figures have an outline and a light rim that read on both),
centred and as large as the card allows without distorting them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from hiprehab.i18n import _
from hiprehab.routine.model import Exercise
from hiprehab.ui.theme import is_dark

LIGHT_CARD = "#fbfbfc"  # the card in a light theme: a touch lighter than the window
DARK_LIFT = 0.08  # in a dark theme: the window colour moved this far towards the text colour
CARD_RADIUS = 16.0
CARD_PADDING = 10.0  # between the card's edge and the picture (the drawings have their own margin)


def card_colour(palette: QPalette | None = None) -> QColor:
    """The card behind a picture: near-white in a light palette; in a dark one the window
    colour lifted a little towards the text colour, so it stands out without glaring."""
    pal = palette if palette is not None else QGuiApplication.palette()
    if not is_dark(pal):
        return QColor(LIGHT_CARD)
    window = pal.color(QPalette.ColorRole.Window)
    text = pal.color(QPalette.ColorRole.WindowText)
    return QColor(
        round(window.red() + (text.red() - window.red()) * DARK_LIFT),
        round(window.green() + (text.green() - window.green()) * DARK_LIFT),
        round(window.blue() + (text.blue() - window.blue()) * DARK_LIFT),
    )


def figure_id(exercise: Exercise) -> str | None:
    return exercise.illustration or exercise.library_id


class FigureSource:
    """Renders the drawn figure of an exercise id at a pose position; caches recent frames.

    `ids` limits which exercises have a drawing (all of `hiprehab.drawing.poses` by default; an
    empty list shows the fallbacks everywhere). The drawing package is imported, and its list
    of exercises read, only when a figure is first asked about: the first screen shows the
    library's drawn SVG files, not figures. `built` counts the figures drawn so far.
    """

    def __init__(self, ids: Iterable[str] | None = None) -> None:
        self._ids = None if ids is None else frozenset(ids)
        self._cache: dict[tuple[str, int, bool], QSvgRenderer] = {}
        self.built = 0

    def knows(self, exercise_id: str | None) -> bool:
        if not exercise_id:
            return False
        if self._ids is None:
            from hiprehab.drawing import poses

            self._ids = frozenset(poses.EXERCISE_IDS)
        return exercise_id in self._ids

    def renderer(self, exercise_id: str, position: float, mirrored: bool) -> QSvgRenderer:
        """A renderer for the figure at `position` (0 start pose .. 1 end pose)."""
        step = round(min(max(position, 0.0), 1.0) * 200)  # 0.5 % steps: smooth and cacheable
        key = (exercise_id, step, mirrored)
        found = self._cache.get(key)
        if found is None:
            from hiprehab.drawing import figure

            svg = figure.render_svg(exercise_id, step / 200, mirrored=mirrored)
            self.built += 1
            found = _svg_renderer(QSvgRenderer(QByteArray(svg.encode("utf-8"))))
            if len(self._cache) > 400:
                self._cache.clear()
            self._cache[key] = found
        return found


def _svg_renderer(renderer: QSvgRenderer) -> QSvgRenderer:
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # never stretch a drawing
    return renderer


def _image_renderer(path: Path) -> QSvgRenderer | QImage | None:
    if not path.is_file():
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        return _svg_renderer(renderer) if renderer.isValid() else None
    image = QImage(str(path))
    return None if image.isNull() else image


def picture_size(picture: QSvgRenderer | QImage) -> tuple[float, float]:
    """The picture's proportions: an SVG's viewBox (its drawing), else its nominal size."""
    if isinstance(picture, QSvgRenderer):
        box = picture.viewBoxF()
        if box.width() > 0 and box.height() > 0:
            return box.width(), box.height()
        size = picture.defaultSize()
        return float(max(size.width(), 1)), float(max(size.height(), 1))
    return float(max(picture.width(), 1)), float(max(picture.height(), 1))


def fitted(picture: QSvgRenderer | QImage, area: QRectF) -> QRectF:
    """The largest rectangle with the picture's proportions that fits `area`, centred in it."""
    w, h = picture_size(picture)
    scale = min(area.width() / w, area.height() / h)
    target = QRectF(0, 0, w * scale, h * scale)
    target.moveCenter(area.center())
    return target


def _draw(
    painter: QPainter, picture: QSvgRenderer | QImage, area: QRectF, clip: QRectF | None = None
) -> None:
    """Draw keeping the picture's proportions, centred in `area` and clipped to `clip` (a
    routine's own picture may reach past its frame; it must stay on the card)."""
    target = fitted(picture, area)
    painter.save()
    painter.setClipRect(clip if clip is not None else target)
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
        self.setAccessibleName(_("Exercise illustration"))

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

    def card_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(4, 4, -4, -4)

    def picture_area(self) -> QRectF:
        """Where the picture may go: the card less its padding."""
        return self.card_rect().adjusted(CARD_PADDING, CARD_PADDING, -CARD_PADDING, -CARD_PADDING)

    def current_picture(self) -> QSvgRenderer | QImage | None:
        """The picture being drawn (None when the name is shown instead)."""
        if self._image is not None:
            return self._image
        if self._exercise is not None:
            fid = figure_id(self._exercise)
            if fid is not None and self._figures.knows(fid):
                return self._figures.renderer(fid, self._position, self._mirrored)
        return None

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
        card = self.card_rect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(card_colour(self.palette()))
        painter.drawRoundedRect(card, CARD_RADIUS, CARD_RADIUS)
        inner = self.picture_area()
        picture = self.current_picture()
        if picture is not None:
            _draw(painter, picture, inner, card)
        elif self._exercise is not None:
            font = QFont(self.font())
            font.setPixelSize(max(int(inner.height() / 8), 18))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(
                inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._exercise.name
            )
        painter.end()


def has_picture(exercise: Exercise, figures: FigureSource, illustrations: Path | None) -> bool:
    """Whether `thumbnail` has a picture to draw, from the files alone (nothing is decoded)."""
    if exercise.image is not None and exercise.image.is_file():
        return True
    fid = figure_id(exercise)
    if fid and illustrations is not None and (illustrations / f"{fid}-start.svg").is_file():
        return True
    return bool(fid) and figures.knows(fid)


def thumbnail(
    exercise: Exercise,
    figures: FigureSource,
    illustrations: Path | None,
    size: QSize,
    palette: QPalette | None = None,
) -> QPixmap | None:
    """A small still picture of the exercise's start pose on a card of `palette` (the
    application's by default), or None when there is none."""
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
    pixmap.fill(card_colour(palette))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    whole = QRectF(0, 0, size.width(), size.height())
    _draw(painter, picture, whole.adjusted(2, 2, -2, -2), whole)
    painter.end()
    return pixmap
