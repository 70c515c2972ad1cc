"""The Linux desktop icon (packaging/linux/icons/hicolor, named by the app id): the SVG and a PNG
for each size the icon theme looks up, drawn from assets/icons/hiprehab.svg by make_icon.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.packaging.linux_tools import APP_ID, HICOLOR, ICON_SIZES, REPO


def pixels(path: Path) -> np.ndarray:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_ARGB32)
    data = bytes(image.constBits())
    return np.frombuffer(data, dtype=np.uint8).reshape(image.height(), image.width(), 4)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The icons made again from the SVG, in a folder of their own."""
    out = tmp_path_factory.mktemp("icons")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_icon.py"), "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return out / "hicolor"


def test_there_is_the_svg_and_a_png_for_every_size() -> None:
    expected = {f"{size}x{size}/apps/{APP_ID}.png" for size in ICON_SIZES}
    expected.add(f"scalable/apps/{APP_ID}.svg")
    found = {str(p.relative_to(HICOLOR)) for p in HICOLOR.rglob("*") if p.is_file()}
    assert found == expected
    svg = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == (REPO / "assets" / "icons" / "hiprehab.svg").read_bytes()


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_the_svg_drawn_at_its_size(size: int, fresh: Path) -> None:
    """The same picture as make_icon.py draws now, up to the anti-aliasing of this machine's Qt
    (edge pixels may differ a little; the shape and colours may not): run `make icons` after
    changing the SVG."""
    name = f"{size}x{size}/apps/{APP_ID}.png"
    kept, made = pixels(HICOLOR / name), pixels(fresh / name)
    assert kept.shape == (size, size, 4)
    assert kept[0, 0, 3] == 0 and kept[size // 2, size // 2, 3] == 255  # a badge, not a square
    differing = (np.abs(kept.astype(int) - made.astype(int)) > 48).any(axis=2).sum()
    assert differing <= 0.02 * size * size
