"""Small pictures for tests: a real PNG of any size, a JPEG header of any size, an SVG."""

from __future__ import annotations

import struct
import zlib

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="5" height="5"/></svg>'
)


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int = 1, height: int = 1, *, rows: bool = True) -> bytes:
    """A PNG (8-bit grey); `rows=False` leaves the pixels out, for sizes too big to write."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    pixels = zlib.compress(b"\x00" * (width + 1) * height) if rows else zlib.compress(b"")
    return b"\x89PNG\r\n\x1a\n" + header + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def jpeg(width: int = 1, height: int = 1) -> bytes:
    """The segments a JPEG reader looks at for the size, around an empty scan."""
    frame = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    scan = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00\x00\x3f\x00" + b"\x00" * 4
    return b"\xff\xd8" + frame + scan + b"\xff\xd9"


def picture_for(name: str) -> bytes:
    """A valid small picture of the kind `name`'s extension says."""
    suffix = name.rsplit(".", 1)[-1].lower()
    return {"png": png(), "jpg": jpeg(), "svg": SVG}.get(suffix, b"not a picture")
