"""Starting the app: no audio or speech, a damaged or unusable history, a file to open."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hiprehab.paths import AppPaths
from hiprehab.resources import icons_dir
from hiprehab.routine.user_files import list_user_routines
from hiprehab.session.clock import FakeClock
from hiprehab.ui.app import app_icon
from hiprehab.ui.player.checkins import PainCheckinDialog

REPO = Path(__file__).resolve().parents[2]


def _play_a_little(window: Any, dialogs: Any, clock: FakeClock) -> None:
    window.library.start_button.click()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    controller = window.flow.controller
    for _ in range(20):
        clock.advance(0.5)
        controller.tick()
    assert controller.state().step_elapsed_s > 0 or controller.state().step_index > 0


def test_starts_and_plays_with_no_audio_device_and_no_speech_engine(
    qtbot: QtBot, make_window: Any, cue_factory: Any, dialogs: Any, clock: FakeClock
) -> None:
    cues, sounds, words = cue_factory(audio=False, speech=False)
    window = make_window(cues=cues)
    assert window.isVisible()
    assert not cues.sound_available and not cues.speech_available
    _play_a_little(window, dialogs, clock)
    assert sounds == [] and words == []
    dialog = window.show_sound_settings()
    assert dialog is not None
    assert not dialog.voice.isEnabled() and not dialog.sound.isEnabled()
    dialog.close()


def test_starts_with_the_real_qt_cue_backends(
    qtbot: QtBot, make_window: Any, dialogs: Any, clock: FakeClock
) -> None:
    """Whatever audio this machine has (often none), the default cue player never blocks."""
    window = make_window(cues=None)
    assert window.cues is not None
    _play_a_little(window, dialogs, clock)


def test_damaged_history_is_moved_aside_and_the_user_is_told(
    qtbot: QtBot, make_window: Any, dialogs: Any, paths: AppPaths
) -> None:
    paths.history_db.write_bytes(b"this is not a database" * 100)
    window = make_window(store=None)
    assert window.store is not None and window.store.moved_aside is not None
    window.run_startup()
    box = dialogs.wait(QMessageBox)
    assert str(window.store.moved_aside) in box.text()
    assert window.store.moved_aside.read_bytes().startswith(b"this is not a database")
    box.close()
    window.store.close()


def test_unusable_history_still_lets_the_user_exercise(
    qtbot: QtBot, make_window: Any, dialogs: Any, paths: AppPaths, clock: FakeClock
) -> None:
    paths.history_db.mkdir()  # a folder where the file should be: cannot be opened
    window = make_window(store=None)
    assert window.store is None
    window.run_startup()
    box = dialogs.wait(QMessageBox)
    assert "could not be opened" in box.text() and str(paths.history_db) in box.text()
    box.close()
    _play_a_little(window, dialogs, clock)
    window.flow.controller.stop()
    dialogs.wait(PainCheckinDialog).skip_button.click()
    assert window.player.summary.summary is not None
    assert not window.player.summary.summary.saved
    window.show_page("history")
    assert "not available" in window._history_widget.text()


def test_run_app_opens_the_file_given_on_the_command_line(
    routine_file: Path, paths: AppPaths
) -> None:
    code = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "QTimer.singleShot(0, lambda: QTimer.singleShot(0, app.quit))\n"
        "from hiprehab.ui.app import run_app\n"
        f"sys.exit(run_app({str(routine_file)!r}))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, capture_output=True)
    (copy,) = list_user_routines(paths.routines_dir)
    assert copy.read_text() == routine_file.read_text()


ICON_NAMES = ("hiprehab.svg", "hiprehab-256.png", "hiprehab.ico", "hiprehab.icns")


def test_the_app_icon_files_are_there_and_drawn_from_the_svg(tmp_path: Path) -> None:
    folder = icons_dir()
    for name in ICON_NAMES:
        assert (folder / name).is_file(), f"missing {name}; run scripts/make_icon.py"
    png = QImage(str(folder / "hiprehab-256.png"))
    assert (png.width(), png.height()) == (256, 256)
    assert png.hasAlphaChannel()
    centre = png.pixelColor(128, 128)
    corner = png.pixelColor(0, 0)
    assert corner.alpha() == 0 and centre.alpha() == 255  # a shape, not a filled square
    # regenerating from the SVG gives the same picture, up to the anti-aliasing of this
    # machine's Qt build (edge pixels may differ slightly; the shape and colours may not)
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_icon.py"), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for name in ICON_NAMES[1:]:
        assert (tmp_path / name).stat().st_size > 0, name
    fresh = QImage(str(tmp_path / "hiprehab-256.png"))
    assert (fresh.width(), fresh.height()) == (256, 256)
    assert differing_pixels(fresh, png, tolerance=48) <= 0.01 * 256 * 256


def differing_pixels(a: QImage, b: QImage, *, tolerance: int) -> int:
    """Pixels where any channel (alpha included) differs by more than `tolerance`."""
    a = a.convertToFormat(QImage.Format.Format_ARGB32)
    b = b.convertToFormat(QImage.Format.Format_ARGB32)
    first, second = bytes(a.constBits()), bytes(b.constBits())  # type: ignore[call-overload]
    count = 0
    for i in range(0, len(first), 4):
        if any(abs(first[i + k] - second[i + k]) > tolerance for k in range(4)):
            count += 1
    return count


def test_a_different_picture_is_told_apart() -> None:
    """The tolerance above still sees a real change (a test that cannot fail is no test)."""
    png = QImage(str(icons_dir() / "hiprehab-256.png"))
    changed = png.copy()
    for x in range(60, 200):
        for y in range(60, 200):
            changed.setPixelColor(x, y, QColor("magenta"))
    assert differing_pixels(png, png, tolerance=0) == 0
    assert differing_pixels(changed, png, tolerance=48) > 0.01 * 256 * 256


def test_the_icon_is_legible_small() -> None:
    """At 16 px it is still a green badge with a light figure on it, not a blur."""
    icon = app_icon()
    assert not icon.isNull()
    image = icon.pixmap(QSize(16, 16)).toImage()
    assert (image.width(), image.height()) == (16, 16)
    colours = [image.pixelColor(x, y) for x in range(16) for y in range(16)]
    opaque = [c for c in colours if c.alpha() == 255]
    assert len(opaque) > 150
    green = [c for c in opaque if c.green() > c.red() + 40 and c.value() < 170]
    light = [c for c in opaque if c.lightness() > 200]
    assert len(green) > 60 and len(light) > 12


def test_the_window_has_the_app_icon(window: Any) -> None:
    assert not window.windowIcon().isNull()
    assert not QApplication.windowIcon().isNull()
    size = QSize(32, 32)
    assert window.windowIcon().pixmap(size).toImage() == app_icon().pixmap(size).toImage()


def test_the_desktop_entry_and_the_bundle_use_the_icon() -> None:
    desktop = (REPO / "packaging" / "linux" / "io.github.hiprehab.HipRehab.desktop").read_text(
        encoding="utf-8"
    )
    assert "Icon=io.github.hiprehab.HipRehab" in desktop.splitlines()
    spec = (REPO / "packaging" / "hiprehab.spec").read_text(encoding="utf-8")
    assert "hiprehab.ico" in spec and "hiprehab.icns" in spec
