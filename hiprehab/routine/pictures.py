"""An exercise's own picture: where it may be, and whether it is a picture the app can show.

A routine file names a picture relative to its own folder; it must stay inside that folder
(no absolute paths, `..` or links out) and be a regular file. Its content is then checked from
its header, before Qt ever decodes it (the ui does): a PNG or JPEG must say so in its first
bytes, be complete (a PNG's chunks end with IEND, a JPEG has its end marker) and be at most
`MAX_PICTURE_PIXELS` (a tiny file claiming 100000 x 100000 pixels would take 40 GB to decode);
an SVG must be well-formed XML with an <svg> root, no DOCTYPE (entity bombs), no nesting deep
enough to exhaust a renderer's stack, and no pictures of its own other than embedded ones
(which are checked the same way). Files are opened non-blocking, so a pipe never hangs a check.
"""

from __future__ import annotations

import base64
import binascii
import os
import stat
import struct
import xml.parsers.expat
from pathlib import Path, PurePosixPath, PureWindowsPath

from hiprehab.routine.fields import Fields, quote
from hiprehab.routine.tomlfile import error_reason

PICTURE_SUFFIXES = (".svg", ".png", ".jpg")
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PICTURE_PIXELS = 50_000_000
MAX_PICTURE_SIDE = 20_000
MAX_SVG_DEPTH = 100

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_SIZE_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XLINK_HREF = "http://www.w3.org/1999/xlink href"


class PictureFault(Exception):
    """What is wrong with a picture's content, in words for the person who made it."""


def check_picture(fields: Fields, key: str, base_dir: Path | None) -> Path | None:
    """A picture path relative to the routine's folder, resolved; it must stay inside it and
    be a picture the app can show."""
    written = fields.text(key, None)
    if written is None:
        return None
    fault, image = _picture_fault(written, base_dir)
    if fault:
        fields.fail(key, fault)
    return image


def _picture_fault(written: str, base_dir: Path | None) -> tuple[str, Path | None]:
    shown = quote(written)
    if any(ord(char) < 32 or ord(char) == 127 for char in written):
        return f"{shown} contains a control character", None
    if "\\" in written:
        return f"{shown}: write folders with / (forward slashes) so the file works everywhere", None
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).anchor:
        return f"{shown} is an absolute path; give a path relative to the routine's folder", None
    suffix = PurePosixPath(written).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        return (
            f"expected a .svg, .png or .jpg picture, found {quote(suffix or 'no extension')}",
            None,
        )
    if base_dir is None:
        return (
            "a picture needs the routine to be saved as a file first (its path is relative)",
            None,
        )
    folder = base_dir.resolve()
    if not os.path.normpath(folder / written).startswith(str(folder) + os.sep):
        return f"{shown} points outside the routine's folder", None
    try:
        image = (folder / written).resolve()
        if not image.is_relative_to(folder):
            return f"{shown} is a link that leads outside the routine's folder", None
        if not image.exists():
            return f"picture {shown} not found in {folder}", None
        if not image.is_file():
            return f"{shown} is not a file", None
        check_picture_content(image)
    except PictureFault as fault:
        return f"{shown} {fault}", None
    except (OSError, RuntimeError, ValueError) as exc:  # link loops, names too long, NUL
        return f"{shown} cannot be used: {error_reason(exc)}", None
    return "", image


def check_picture_content(path: Path) -> None:
    """Raises PictureFault unless `path` holds a complete picture of a sensible size."""
    data = _read_picture(path)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        _check_svg(data)
    else:
        check_raster(data, "PNG" if suffix == ".png" else "JPEG")


def _read_picture(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0)  # `path` is resolved: a link now was swapped in since
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise PictureFault("is not a regular file")
        if info.st_size > MAX_PICTURE_BYTES:
            raise PictureFault(_too_big(info.st_size))
        data = handle.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureFault(_too_big(len(data)))
    if not data:
        raise PictureFault("is an empty file, not a picture")
    return data


def _too_big(size: int) -> str:
    return f"is too large ({size:,} bytes); a picture may be at most 20 MiB"


def check_raster(data: bytes, kind: str) -> None:
    """A PNG (`kind` "PNG") or JPEG ("JPEG"): its header, completeness and size."""
    if kind == "PNG":
        if not data.startswith(PNG_SIGNATURE):
            found = " (it is a JPEG; name it .jpg)" if data.startswith(b"\xff\xd8\xff") else ""
            raise PictureFault(f"is not a PNG picture{found}")
        width, height = _png_size(data)
    else:
        if not data.startswith(b"\xff\xd8\xff"):
            found = " (it is a PNG; name it .png)" if data.startswith(PNG_SIGNATURE) else ""
            raise PictureFault(f"is not a JPEG picture{found}")
        width, height = _jpeg_size(data)
    if width < 1 or height < 1:
        raise PictureFault(f"claims a size of {width} x {height} pixels, so it is damaged")
    if max(width, height) > MAX_PICTURE_SIDE or width * height > MAX_PICTURE_PIXELS:
        raise PictureFault(
            f"is {width:,} x {height:,} pixels; a picture may be at most "
            f"{MAX_PICTURE_PIXELS // 1_000_000} million pixels and {MAX_PICTURE_SIDE:,} pixels "
            "a side (save it smaller)"
        )


def _png_size(data: bytes) -> tuple[int, int]:
    """The IHDR size, after walking the chunks to the IEND that ends a complete PNG."""
    if data[12:16] != b"IHDR" or len(data) < 33:
        raise PictureFault("is a damaged PNG picture (it has no header chunk)")
    width, height = struct.unpack(">II", data[16:24])
    offset = len(PNG_SIGNATURE)
    while offset + 12 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        offset += 12 + length
        if kind == b"IEND":
            return width, height
    raise PictureFault("is a PNG picture cut short (the file ends before the picture does)")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """The size in the first start-of-frame segment; the file must also have its end marker."""
    offset, size = 2, None
    while offset + 4 <= len(data) and size is None:
        if data[offset] != 0xFF:
            raise PictureFault("is a damaged JPEG picture")
        marker = data[offset + 1]
        if marker == 0xFF:  # fill bytes
            offset += 1
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker in _JPEG_SIZE_MARKERS and offset + 9 <= len(data):
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            size = (width, height)
        elif marker == 0xDA:  # start of scan without a frame: no size
            break
        offset += 2 + length
    if size is None:
        raise PictureFault("is a damaged JPEG picture (it gives no size)")
    if data.rfind(b"\xff\xd9", offset) < 0:
        raise PictureFault("is a JPEG picture cut short (the file ends before the picture does)")
    return size


def _check_svg(data: bytes) -> None:
    """Well-formed XML, an <svg> root, no DOCTYPE, not too deep, only embedded pictures."""
    depth = 0
    seen_root = False

    def doctype(*_: object) -> None:
        raise PictureFault("is an SVG with a DOCTYPE, which hiprehab does not read; remove it")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, seen_root
        if not seen_root and name not in (f"{_SVG_NAMESPACE} svg", "svg"):
            raise PictureFault(f"is not an SVG picture (its first element is {quote(name)})")
        seen_root = True
        depth += 1
        if depth > MAX_SVG_DEPTH:
            raise PictureFault(f"is an SVG nested over {MAX_SVG_DEPTH} elements deep")
        if name in (f"{_SVG_NAMESPACE} image", "image"):
            _check_svg_image(attributes.get("href") or attributes.get(_XLINK_HREF) or "")

    def end(_: str) -> None:
        nonlocal depth
        depth -= 1

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        reason = xml.parsers.expat.ErrorString(exc.code)
        raise PictureFault(
            f"is not a valid SVG picture ({reason} at line {exc.lineno}, column {exc.offset + 1})"
        ) from None
    if not seen_root:
        raise PictureFault("is not an SVG picture")


def _check_svg_image(href: str) -> None:
    """An <image> inside an SVG: only an embedded PNG or JPEG, itself checked."""
    head, _, payload = href.partition(",")
    kinds = {"data:image/png;base64": "PNG", "data:image/jpeg;base64": "JPEG"}
    kind = kinds.get(head.strip().lower())
    if kind is None:
        raise PictureFault(
            f"is an SVG showing another file or address ({quote(href)}); embed the picture "
            "as a base64 PNG or JPEG instead"
        )
    try:
        inner = base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        raise PictureFault("is an SVG with a damaged embedded picture") from None
    try:
        check_raster(inner, kind)
    except PictureFault as fault:
        raise PictureFault(f"is an SVG whose embedded picture {fault}") from None
