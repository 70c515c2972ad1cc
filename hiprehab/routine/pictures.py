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
from pathlib import Path, PurePosixPath, PureWindowsPath

from hiprehab.i18n import _
from hiprehab.i18n.formats import format_number
from hiprehab.routine.fields import Fields, quote
from hiprehab.routine.syntax_words import error_reason

PICTURE_SUFFIXES = (".svg", ".png", ".jpg")
MAX_PICTURE_BYTES = 20 * 1024 * 1024
MAX_PICTURE_PIXELS = 50_000_000
MAX_PICTURE_SIDE = 20_000
MAX_SVG_DEPTH = 100

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
_JPEG_SIZE_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_XLINK_HREF = "http://www.w3.org/1999/xlink href"  # i18n: ignore


class PictureFault(Exception):
    """What is wrong with a picture's content, in words for the person who made it.

    `template` is a sentence in the user's language about `{picture}`, which the caller names
    (`said_of`), with `values` for its other placeholders (kept apart, so that a brace in a
    file's content is never read as one). `embedded`: the fault is of a picture embedded in it.
    """

    def __init__(self, template: str, *, embedded: bool = False, **values: str) -> None:
        super().__init__(template)
        self.template, self.values, self.embedded = template, values, embedded

    def said_of(self, picture: str) -> str:
        if self.embedded:
            picture = _("the picture embedded in {svg}").format(svg=picture)
        return self.template.format(picture=picture, **self.values)


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
        return _("{picture} contains a control character").format(picture=shown), None
    if "\\" in written:
        message = _(
            "{picture}: write folders with / (forward slashes) so the file works everywhere"
        )
        return message.format(picture=shown), None
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).anchor:
        message = _("{picture} is an absolute path; give a path relative to the routine's folder")
        return message.format(picture=shown), None
    suffix = PurePosixPath(written).suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        if not suffix:
            return _("expected a .svg, .png or .jpg picture, found no extension"), None
        message = _("expected a .svg, .png or .jpg picture, found {suffix}")
        return message.format(suffix=quote(suffix)), None
    if base_dir is None:
        message = _(
            "a picture needs the routine to be saved as a file first (its path is relative)"
        )
        return message, None
    folder = base_dir.resolve()
    if not os.path.normpath(folder / written).startswith(str(folder) + os.sep):
        return _("{picture} points outside the routine's folder").format(picture=shown), None
    try:
        image = (folder / written).resolve()
        if not image.is_relative_to(folder):
            message = _("{picture} is a link that leads outside the routine's folder")
            return message.format(picture=shown), None
        if not image.exists():
            message = _("picture {picture} not found in {folder}")
            return message.format(picture=shown, folder=folder), None
        if not image.is_file():
            return _("{picture} is not a file").format(picture=shown), None
        check_picture_content(image)
    except PictureFault as fault:
        return fault.said_of(shown), None
    except (OSError, RuntimeError, ValueError) as exc:  # link loops, names too long, NUL
        message = _("{picture} cannot be used: {reason}")
        return message.format(picture=shown, reason=error_reason(exc)), None
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
            raise PictureFault(_("{picture} is not a regular file"))
        if info.st_size > MAX_PICTURE_BYTES:
            raise _too_big(info.st_size)
        data = handle.read(MAX_PICTURE_BYTES + 1)
    if len(data) > MAX_PICTURE_BYTES:
        raise _too_big(len(data))
    if not data:
        raise PictureFault(_("{picture} is an empty file, not a picture"))
    return data


def _too_big(size: int) -> PictureFault:
    message = _("{picture} is too large ({size} bytes); a picture may be at most 20 MiB")
    return PictureFault(message, size=format_number(size))


def check_raster(data: bytes, kind: str) -> None:
    """A PNG (`kind` "PNG") or JPEG ("JPEG"): its header, completeness and size."""
    if kind == "PNG":
        if not data.startswith(PNG_SIGNATURE):
            if data.startswith(b"\xff\xd8\xff"):
                raise PictureFault(_("{picture} is not a PNG picture (it is a JPEG; name it .jpg)"))
            raise PictureFault(_("{picture} is not a PNG picture"))
        width, height = _png_size(data)
    else:
        if not data.startswith(b"\xff\xd8\xff"):
            if data.startswith(PNG_SIGNATURE):
                raise PictureFault(_("{picture} is not a JPEG picture (it is a PNG; name it .png)"))
            raise PictureFault(_("{picture} is not a JPEG picture"))
        width, height = _jpeg_size(data)
    if width < 1 or height < 1:
        message = _("{picture} claims a size of {width} x {height} pixels, so it is damaged")
        raise PictureFault(message, width=str(width), height=str(height))
    if max(width, height) > MAX_PICTURE_SIDE or width * height > MAX_PICTURE_PIXELS:
        message = _(
            "{picture} is {width} x {height} pixels; a picture may be at most {millions} million "
            "pixels and {side} pixels a side (save it smaller)"
        )
        raise PictureFault(
            message,
            width=format_number(width),
            height=format_number(height),
            millions=format_number(MAX_PICTURE_PIXELS // 1_000_000),
            side=format_number(MAX_PICTURE_SIDE),
        )


def _png_size(data: bytes) -> tuple[int, int]:
    """The IHDR size, after walking the chunks to the IEND that ends a complete PNG."""
    if data[12:16] != b"IHDR" or len(data) < 33:
        raise PictureFault(_("{picture} is a damaged PNG picture (it has no header chunk)"))
    width, height = struct.unpack(">II", data[16:24])
    offset = len(PNG_SIGNATURE)
    while offset + 12 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        offset += 12 + length
        if kind == b"IEND":
            return width, height
    raise PictureFault(
        _("{picture} is a PNG picture cut short (the file ends before the picture does)")
    )


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """The size in the first start-of-frame segment; the file must also have its end marker."""
    offset, size = 2, None
    while offset + 4 <= len(data) and size is None:
        if data[offset] != 0xFF:
            raise PictureFault(_("{picture} is a damaged JPEG picture"))
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
        raise PictureFault(_("{picture} is a damaged JPEG picture (it gives no size)"))
    if data.rfind(b"\xff\xd9", offset) < 0:
        raise PictureFault(
            _("{picture} is a JPEG picture cut short (the file ends before the picture does)")
        )
    return size


def _check_svg(data: bytes) -> None:
    """Well-formed XML, an <svg> root, no DOCTYPE, not too deep, only embedded pictures."""
    depth = 0
    seen_root = False

    def doctype(*args: object) -> None:
        raise PictureFault(
            _("{picture} is an SVG with a DOCTYPE, which hiprehab does not read; remove it")
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth, seen_root
        if not seen_root and name not in (f"{_SVG_NAMESPACE} svg", "svg"):
            message = _("{picture} is not an SVG picture (its first element is {element})")
            raise PictureFault(message, element=quote(name))
        seen_root = True
        depth += 1
        if depth > MAX_SVG_DEPTH:
            message = _("{picture} is an SVG nested over {depth} elements deep")
            raise PictureFault(message, depth=str(MAX_SVG_DEPTH))
        if name in (f"{_SVG_NAMESPACE} image", "image"):
            _check_svg_image(attributes.get("href") or attributes.get(_XLINK_HREF) or "")

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    import xml.parsers.expat  # only for an SVG picture

    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        reason = xml.parsers.expat.ErrorString(exc.code)
        message = _(
            "{picture} is not a valid SVG picture ({reason} at line {line}, column {column})"
        )
        raise PictureFault(
            message, reason=reason, line=str(exc.lineno), column=str(exc.offset + 1)
        ) from None
    if not seen_root:
        raise PictureFault(_("{picture} is not an SVG picture"))


def _check_svg_image(href: str) -> None:
    """An <image> inside an SVG: only an embedded PNG or JPEG, itself checked."""
    head, _comma, payload = href.partition(",")
    kinds = {"data:image/png;base64": "PNG", "data:image/jpeg;base64": "JPEG"}
    kind = kinds.get(head.strip().lower())
    if kind is None:
        message = _(
            "{picture} is an SVG showing another file or address ({address}); embed the picture "
            "as a base64 PNG or JPEG instead"
        )
        raise PictureFault(message, address=quote(href))
    try:
        inner = base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        raise PictureFault(_("{picture} is an SVG with a damaged embedded picture")) from None
    try:
        check_raster(inner, kind)
    except PictureFault as fault:
        raise PictureFault(fault.template, embedded=True, **fault.values) from None
