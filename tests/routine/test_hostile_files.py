"""Hostile routine files and pictures: each is refused by `hiprehab check` with lines naming
the file and the fault and exit code 1, never a traceback, a hang or a flood of lines.

The cases are those of the probe in issue 13. Most run in-process (a traceback fails the test);
those that could hang or exhaust the stack also run the real command in a subprocess with a
timeout.
"""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from hiprehab.cli import check as check_cmd
from hiprehab.terminal import shown
from tests.routine.picture_bytes import SVG, jpeg, png

HEAD = 'format = 1\ntitle = "T"\n'
EXERCISE = '[[exercise]]\nname = "A"\nreps = 1\n'
GOOD = HEAD + EXERCISE
MAX_LINES = 51  # 50 problems and a line saying how many more


def routine(text: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "hostile.toml"
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path

    return make


def with_picture(name: str, content: bytes | None = None, **kind: bool) -> Callable[[Path], Path]:
    """A good routine whose exercise shows `name`, written with `content` (None: not written)."""

    def make(folder: Path) -> Path:
        target = folder / name
        if content is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        if kind.get("fifo"):
            os.mkfifo(target)
        if kind.get("folder"):
            target.mkdir()
        if kind.get("link_out"):
            (folder.parent / "secret.png").write_bytes(png())
            target.symlink_to(folder.parent / "secret.png")
        return routine(GOOD + f"illustration = {json.dumps(name)}\n")(folder)

    return make


def nested_svg(depth: int) -> bytes:
    inner = b"<g>" * depth + b"</g>" * depth
    return b'<svg xmlns="http://www.w3.org/2000/svg">' + inner + b"</svg>"


def svg_with_image(href: str) -> bytes:
    return (
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<image xlink:href="' + href.encode() + b'" width="10" height="10"/></svg>'
    )


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + str(n - 1 if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']><svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;</text></svg>'
)
TRUNCATED_PNG = png(64, 64)[:60]
BOMB_PNG = png(100_000, 100_000, rows=False)
NOT_A_PICTURE = b"#!/bin/sh\nrm -rf ~\n"

CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    # --- the TOML document ---------------------------------------------------------------------
    "nested arrays": (
        routine(HEAD + "x = " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "nested too deeply",
    ),
    "nested inline tables": (
        routine(HEAD + "x = " + "{a=" * 50_000 + "1" + "}" * 50_000),
        "nested too deeply",
    ),
    "deep dotted header": (
        routine(GOOD + "[" + ".".join(["a"] * 30_000) + "]\n"),
        "nested too deeply",
    ),
    "huge array of cues": (
        routine(GOOD + "cues = [" + ",".join(['"x"'] * 100_000) + "]\n"),
        "cues: expected 0 to 20 items, found 100000",
    ),
    "huge title": (
        routine(HEAD.replace('"T"', '"' + "T" * 900_000 + '"') + EXERCISE),
        "title: expected at most 200 characters, found 900000",
    ),
    "huge instructions": (
        routine(GOOD + 'instructions = "' + "x" * 20_000 + '"\n'),
        "instructions: expected at most 5000 characters, found 20000",
    ),
    "huge cue": (
        routine(GOOD + 'cues = ["' + "x" * 1000 + '"]\n'),
        "cues: item 1: expected at most 200 characters, found 1000",
    ),
    "over 1 MiB": (routine(GOOD + "# " + "x" * 1_100_000 + "\n"), "is too large (1,100,"),
    "thousands of exercises": (
        routine(HEAD + EXERCISE.replace("reps = 1", "reps = 0") * 30_000),
        "expected 1 to 100 exercises, found 30000",
    ),
    "thousands of unknown keys": (
        routine(GOOD + "".join(f"k{i} = 1\n" for i in range(20_000))),
        "and 19950 more problems",
    ),
    "a NUL byte in a string": (
        routine(GOOD.replace('"A"', '"A\x00"')),
        "a character that is not allowed here: '\\x00'",
    ),
    "a NUL byte on its own": (routine(GOOD + "\x00\n"), "a NUL byte"),
    "invalid UTF-8": (routine(GOOD.encode() + b"# \xff\xfe\n"), "not valid UTF-8 text (byte 0xFF"),
    "Latin-1 text": (
        routine(GOOD.replace('"A"', '"Kräftigung"').encode("latin-1")),
        "not valid UTF-8 text (byte 0xE4",
    ),
    "UTF-16 LE with BOM": (routine(b"\xff\xfe" + GOOD.encode("utf-16-le")), "saved as UTF-16"),
    "UTF-16 BE with BOM": (routine(b"\xfe\xff" + GOOD.encode("utf-16-be")), "saved as UTF-16"),
    "UTF-32 LE with BOM": (
        routine(b"\xff\xfe\x00\x00" + GOOD.encode("utf-32-le")),
        "saved as UTF-32",
    ),
    "UTF-32 BE with BOM": (
        routine(b"\x00\x00\xfe\xff" + GOOD.encode("utf-32-be")),
        "saved as UTF-32",
    ),
    "two UTF-8 BOMs": (routine(b"\xef\xbb\xbf\xef\xbb\xbf" + GOOD.encode()), "byte-order mark"),
    "lone CR line ends": (routine(GOOD.replace("\n", "\r")), "carriage return"),
    "a 5000-digit number": (
        routine(GOOD.replace("reps = 1", "reps = " + "9" * 5000)),
        "a number is too long (5000 digits",
    ),
    "a number out of range": (
        routine(GOOD.replace("reps = 1", "reps = 99999999999999999999")),
        "expected an integer from 1 to 200",
    ),
    "a float overflowing to inf": (
        routine(GOOD.replace("reps = 1", "hold = 1e400")),
        "inf (infinity, not a number)",
    ),
    "inf": (routine(GOOD.replace("reps = 1", "hold = -inf")), "-inf (infinity, not a number)"),
    "nan": (routine(GOOD.replace("reps = 1", "hold = nan")), "nan (not a number)"),
    "a date instead of a number": (
        routine(GOOD.replace("reps = 1", "hold = 1979-05-27")),
        "found a date or time (1979-05-27)",
    ),
    "a time instead of a number": (
        routine(GOOD.replace("reps = 1", "reps = 07:32:00")),
        "found a date or time (07:32:00)",
    ),
    "an impossible date": (
        routine(GOOD.replace("reps = 1", "hold = 2026-02-30")),
        "not a valid date or time",
    ),
    "an extreme offset": (
        routine(GOOD.replace("reps = 1", "hold = 0001-01-01T00:00:00+23:59")),
        "found a date or time",
    ),
    "a duplicate key": (routine(HEAD + 'title = "again"\n' + EXERCISE), "a key is given twice"),
    "a duplicate table": (
        routine(GOOD + "[timing]\nprepare = 1\n[timing]\nprepare = 2\n"),
        "not valid TOML",
    ),
    "use of an unknown id": (
        routine(HEAD + '[[exercise]]\nuse = "no-such-exercise"\n'),
        'unknown library exercise "no-such-exercise"',
    ),
    "use of a huge id": (
        routine(HEAD + '[[exercise]]\nuse = "' + "u" * 10_000 + '"\n'),
        "expected at most 200 characters",
    ),
    "a newer format": (routine(GOOD.replace("format = 1", "format = 99")), "needs a newer version"),
    "an empty file": (routine(""), 'missing key "format"'),
    # --- the routine file itself ---------------------------------------------------------------
    "a folder": (
        lambda folder: (folder / "dir.toml").mkdir() or folder / "dir.toml",
        "is a folder",
    ),
    "a FIFO": (
        lambda folder: os.mkfifo(folder / "pipe.toml") or folder / "pipe.toml",
        "is not a regular file",
    ),
    "a device": (lambda folder: Path("/dev/zero"), "is not a regular file"),
    "a dangling link": (
        lambda folder: (
            (folder / "gone.toml").symlink_to(folder / "nowhere") or folder / "gone.toml"
        ),
        "no such file",
    ),
    "a link loop": (
        lambda folder: (
            (folder / "loop.toml").symlink_to(folder / "loop.toml") or folder / "loop.toml"
        ),
        "cannot be read",
    ),
    # --- pictures --------------------------------------------------------------------------------
    "picture ../../etc/passwd": (
        with_picture("../../etc/passwd"),
        "expected a .svg, .png or .jpg picture",
    ),
    "picture ../../etc/passwd.png": (
        with_picture("../../etc/passwd.png"),
        "points outside the routine's folder",
    ),
    "picture /etc/passwd.png": (with_picture("/etc/passwd.png"), "is an absolute path"),
    "picture a link out": (with_picture("link.png", link_out=True), "link that leads outside"),
    "picture a FIFO": (with_picture("pipe.png", fifo=True), "is not a file"),
    "picture a folder": (with_picture("album.png", folder=True), "is not a file"),
    "picture with ESC in its name": (with_picture("a\x1b[2J.png"), "contains a control character"),
    "picture not a PNG": (with_picture("script.png", NOT_A_PICTURE), "is not a PNG picture"),
    "picture not a JPEG": (with_picture("script.jpg", NOT_A_PICTURE), "is not a JPEG picture"),
    "picture a PNG named .jpg": (with_picture("photo.jpg", png()), "it is a PNG; name it .png"),
    "picture empty": (with_picture("empty.png", b""), "is an empty file"),
    "picture truncated PNG": (with_picture("cut.png", TRUNCATED_PNG), "PNG picture cut short"),
    "picture PNG signature only": (with_picture("sig.png", png()[:8]), "damaged PNG picture"),
    "picture truncated JPEG": (with_picture("cut.jpg", jpeg()[:-2]), "JPEG picture cut short"),
    "picture PNG bomb": (with_picture("bomb.png", BOMB_PNG), "is 100,000 x 100,000 pixels"),
    "picture JPEG bomb": (
        with_picture("bomb.jpg", jpeg(65_000, 65_000)),
        "is 65,000 x 65,000 pixels",
    ),
    "picture zero-size PNG": (with_picture("zero.png", png(0, 0, rows=False)), "size of 0 x 0"),
    "picture SVG not XML": (with_picture("text.svg", NOT_A_PICTURE), "is not a valid SVG picture"),
    "picture SVG of another root": (
        with_picture("html.svg", b"<html></html>"),
        "is not an SVG picture",
    ),
    "picture SVG entity bomb": (with_picture("lol.svg", BILLION_LAUGHS), "DOCTYPE"),
    "picture SVG nested deep": (with_picture("deep.svg", nested_svg(100_000)), "nested over 100"),
    "picture SVG showing a file": (
        with_picture("ref.svg", svg_with_image("/etc/passwd")),
        "another file or address",
    ),
    "picture SVG embedding a bomb": (
        with_picture(
            "inner.svg",
            svg_with_image("data:image/png;base64," + base64.b64encode(BOMB_PNG).decode()),
        ),
        'the picture embedded in "inner.svg" is 100,000',
    ),
}
HANGS_OR_RECURSES = {
    "nested arrays", "nested inline tables", "deep dotted header", "a FIFO", "a device",
    "picture a FIFO", "picture SVG nested deep", "picture SVG entity bomb", "picture PNG bomb",
    "thousands of exercises", "thousands of unknown keys",
}  # fmt: skip


def check_lines(path: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    status = check_cmd.run([str(path)], out=out)
    return status, out.getvalue().splitlines()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_hostile_file_is_refused_with_clear_lines(tmp_path: Path, case: str) -> None:
    make, fault = CASES[case]
    folder = tmp_path / "routine"
    folder.mkdir()
    path = make(folder)
    status, lines = check_lines(path)
    assert status == 1, lines
    assert 1 <= len(lines) <= MAX_LINES
    assert all(line.startswith(f"{shown(str(path))}:") for line in lines), lines
    assert any(fault in line for line in lines), lines


@pytest.mark.parametrize("case", sorted(HANGS_OR_RECURSES), ids=str)
def test_the_real_command_neither_hangs_nor_crashes(tmp_path: Path, case: str) -> None:
    make, fault = CASES[case]
    folder = tmp_path / "routine"
    folder.mkdir()
    path = make(folder)
    done = subprocess.run(
        [sys.executable, "-m", "hiprehab", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert fault in done.stdout


def test_good_pictures_of_every_kind_pass(tmp_path: Path) -> None:
    for name, content in (("a.png", png(640, 480)), ("b.jpg", jpeg(4032, 3024)), ("c.svg", SVG)):
        path = with_picture(name, content)(tmp_path)
        assert check_lines(path)[0] == 0, name
