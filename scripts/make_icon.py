"""Make the app's raster icons from assets/icons/hiprehab.svg (deterministic, no network).

    .venv/bin/python scripts/make_icon.py              # assets/icons/, packaging/linux/icons/
    .venv/bin/python scripts/make_icon.py --out DIR    # all of it into DIR (DIR/hicolor/...)

Writes (`make icons` runs it):
  hiprehab-256.png  the window icon's fallback
  hiprehab.ico      Windows (PyInstaller's EXE icon): PNG images at 16-256 px in one file
  hiprehab.icns     macOS (PyInstaller's BUNDLE icon): PNG images at 16-512 px
  hicolor/         the Linux desktop icon, named by the app id, as the icon theme lays it out:
                   SIZExSIZE/apps/io.github.hiprehab.HipRehab.png (16-512 px) and a copy of the
                   SVG as scalable/apps/io.github.hiprehab.HipRehab.svg

Each size is drawn from the SVG with Qt's SVG renderer (not scaled down from a big bitmap), so
the small ones stay crisp. The same SVG and Qt give byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ICONS = REPO / "assets" / "icons"
SVG_NAME = "hiprehab.svg"
PNG_NAME = "hiprehab-256.png"
ICO_NAME = "hiprehab.ico"
ICNS_NAME = "hiprehab.icns"
LINUX_ICONS = REPO / "packaging" / "linux" / "icons"
APP_ID = "io.github.hiprehab.HipRehab"
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"),
              (512, b"ic09"))


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn at `size` x `size` pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose images are PNGs (read by Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file of PNG entries (macOS 10.7 and later)."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for size, kind in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def hicolor_files(svg: Path, pngs: dict[int, bytes]) -> dict[str, bytes]:
    """The Linux icon theme's files, by path under the theme folder (hicolor/)."""
    files = {f"{size}x{size}/apps/{APP_ID}.png": pngs[size] for size in HICOLOR_SIZES}
    files[f"scalable/apps/{APP_ID}.svg"] = svg.read_bytes()
    return files


def make(svg: Path, out: Path, linux_out: Path) -> list[Path]:
    sizes = sorted({*ICO_SIZES, *HICOLOR_SIZES, *(size for size, _ in ICNS_TYPES)})
    pngs = {size: render_png(svg, size) for size in sizes}
    files = {
        out / PNG_NAME: pngs[256],
        out / ICO_NAME: ico_bytes({s: pngs[s] for s in ICO_SIZES}),
        out / ICNS_NAME: icns_bytes({size: pngs[size] for size, _ in ICNS_TYPES}),
    }
    for name, data in hicolor_files(svg, pngs).items():
        files[linux_out / "hicolor" / name] = data
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    return list(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS / SVG_NAME)
    parser.add_argument("--out", type=Path, default=None)
    options = parser.parse_args(argv)
    out, linux_out = (options.out, options.out) if options.out else (ICONS, LINUX_ICONS)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window is ever shown
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841
    for path in make(options.svg, out, linux_out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
