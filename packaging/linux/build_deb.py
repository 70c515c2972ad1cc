"""Build the Debian package of hiprehab from the PyInstaller bundle (`make deb`).

    python3 packaging/linux/build_deb.py [--bundle dist/hiprehab] [--out dist]

Lays out the package's files in a temporary folder: the bundle under /opt/hiprehab, the launcher
/usr/bin/hiprehab, the desktop entry, the AppStream metainfo, the MIME definition, the icons
(hicolor), the copyright file (DEP-5, from LICENSE), the changelog (from the metainfo's newest
release) and the lintian overrides; writes DEBIAN/control and packs it all with
`dpkg-deb --root-owner-group` into OUT/hiprehab_<version>_<arch>.deb. Prints the package's path
and size. Standard library only; needs dpkg-deb.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
APP_ID = "io.github.hiprehab.HipRehab"
PACKAGE = "hiprehab"
PREFIX = "opt/hiprehab"
HOMEPAGE = "https://github.com/hiprehab/hiprehab"
MAINTAINER = "The hiprehab developers <hiprehab@users.noreply.github.com>"
# In packaging/debian-packages.txt for running from source, not needed by the bundle.
BUILD_ONLY = {"make", "python3-venv"}
SHARED_LIBRARY = re.compile(r"\.so(\.\d+)*$")
DESCRIPTION = f"""\
guided hip exercises for runners
 hiprehab walks you through home exercise routines with a large countdown,
 drawings that move in time with the count, sounds and a voice, and keeps a
 private record of your sessions and how your hip feels. Physiotherapists
 write routine files (NAME.hiprehab.toml) for their patients; a double-click
 opens one in hiprehab.
 .
 This package holds a self-contained build (Python and Qt included) under
 /{PREFIX}. hiprehab is not medical advice."""
LAUNCHER = f"""\
#!/bin/sh
# hiprehab's self-contained build (Python and Qt included) is in /{PREFIX}.
exec /{PREFIX}/hiprehab "$@"
"""


def version() -> str:
    text = (REPO / "hiprehab" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    if match is None:
        raise SystemExit("hiprehab/__init__.py has no __version__")
    return match.group(1)


def newest_release() -> tuple[str, datetime, list[str]]:
    """The metainfo's newest release: version, date and the paragraphs of its description."""
    root = ET.parse(HERE / f"{APP_ID}.metainfo.xml").getroot()
    release = root.find("releases/release")
    if release is None:
        raise SystemExit("the metainfo lists no release")
    when = datetime.strptime(release.get("date", ""), "%Y-%m-%d").replace(tzinfo=UTC)
    notes = [" ".join((p.text or "").split()) for p in release.iterfind("description/p")]
    return release.get("version", ""), when, notes


def depends(bundle: Path) -> str:
    """libc6 as new as the bundle's binaries need, and the system libraries Qt loads."""
    listed = (REPO / "packaging" / "debian-packages.txt").read_text(encoding="utf-8").split()
    return ", ".join([f"libc6 (>= {glibc_needed(bundle)})"] +
                     [name for name in listed if name not in BUILD_ONLY])


def glibc_needed(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file of the bundle asks for."""
    newest = (2, 17)
    for path in elf_files(bundle):
        for major, minor in re.findall(rb"GLIBC_(\d+)\.(\d+)", path.read_bytes()):
            newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


def copyright_text() -> str:
    """DEP-5: hiprehab's own licence (MIT, "Expat" in Debian's words), from LICENSE."""
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    holder = re.search(r"^Copyright \(c\) (.+)$", text, re.M)
    if holder is None:
        raise SystemExit("LICENSE has no 'Copyright (c) ...' line")
    body = text[holder.end():].strip().splitlines()
    licence = "\n".join(f" {line}" if line.strip() else " ." for line in body)
    return (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
        f"Upstream-Name: {PACKAGE}\n"
        f"Source: {HOMEPAGE}\n"
        f"Comment: The self-contained build in /{PREFIX}/_internal also holds Python, Qt 6,\n"
        " PySide6, numpy, pyqtgraph, babel, tomli, platformdirs and shared libraries of\n"
        " the build system, each under its own licence.\n"
        "\n"
        "Files: *\n"
        f"Copyright: {holder.group(1)}\n"
        "License: Expat\n"
        f"{licence}\n"
    )


def maintainer() -> str:
    return os.environ.get("DEB_MAINTAINER", MAINTAINER)


def changelog(release: tuple[str, datetime, list[str]]) -> bytes:
    """The Debian changelog of this version, from the metainfo's newest release."""
    number, when, notes = release
    items = [textwrap.fill(n, 78, initial_indent="  * ", subsequent_indent="    ") for n in notes]
    text = (
        f"{PACKAGE} ({number}) unstable; urgency=medium\n\n"
        + "\n".join(items or ["  * Release."])
        + f"\n\n -- {maintainer()}  {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}\n"
    )
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def lay_out(bundle: Path, root: Path, release: tuple[str, datetime, list[str]]) -> None:
    shutil.copytree(bundle, root / PREFIX, symlinks=True)
    share = root / "usr" / "share"
    files = {
        root / "usr/bin/hiprehab": LAUNCHER.encode(),
        share / f"applications/{APP_ID}.desktop": (HERE / f"{APP_ID}.desktop").read_bytes(),
        share / f"metainfo/{APP_ID}.metainfo.xml": (HERE / f"{APP_ID}.metainfo.xml").read_bytes(),
        share / f"mime/packages/{APP_ID}.xml": (HERE / f"{APP_ID}.xml").read_bytes(),
        share / f"doc/{PACKAGE}/copyright": copyright_text().encode(),
        share / f"doc/{PACKAGE}/changelog.gz": changelog(release),
        share / f"lintian/overrides/{PACKAGE}": (HERE / "lintian-overrides").read_bytes(),
    }
    icons = HERE / "icons" / "hicolor"
    for icon in sorted(icons.rglob("*")):
        if icon.is_file():
            files[share / "icons/hicolor" / icon.relative_to(icons)] = icon.read_bytes()
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "usr/bin/hiprehab").chmod(0o755)


def elf_files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def strip_libraries(prefix: Path) -> None:
    """Debug symbols out of the shared libraries, as dh_strip does (a Python built from source
    leaves them in). Not the program: strip would cut off the archive PyInstaller appends to it."""
    libraries = [str(p) for p in elf_files(prefix) if SHARED_LIBRARY.search(p.name)]
    if shutil.which("strip") is None:
        raise SystemExit("strip is missing (Debian/Ubuntu: apt-get install binutils)")
    for start in range(0, len(libraries), 200):
        subprocess.run(
            ["strip", "--strip-unneeded", "--remove-section=.comment",
             "--remove-section=.note", *libraries[start:start + 200]],
            check=True,
        )


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink() and "DEBIAN" not in path.parts:
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root)}\n")
    return "".join(lines)


def set_modes(root: Path, stamp: float) -> None:
    """0755 folders and programs, 0644 everything else (shared libraries too); one mtime."""
    for folder, dirs, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if path.is_symlink():
                continue
            program = path.stat().st_mode & 0o100 and not SHARED_LIBRARY.search(name)
            path.chmod(0o755 if program else 0o644)
            os.utime(path, (stamp, stamp))
        for name in dirs:
            Path(folder, name).chmod(0o755)
    for folder, _, _ in os.walk(root):
        os.utime(folder, (stamp, stamp))


def installed_size(root: Path) -> int:
    """In KiB, as dpkg-gencontrol counts: each file rounded up, 1 for anything else."""
    total = 0
    for path in root.rglob("*"):
        regular = path.is_file() and not path.is_symlink()
        total += -(-path.stat().st_size // 1024) if regular else 1
    return total


def control(root: Path, number: str, arch: str) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {number}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {maintainer()}\n"
        f"Installed-Size: {installed_size(root)}\n"
        f"Depends: {depends(root / PREFIX)}\n"
        "Recommends: speech-dispatcher\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        f"Description: {DESCRIPTION}\n"
    )


def build(bundle: Path, out: Path, arch: str) -> Path:
    if not (bundle / "hiprehab").is_file():
        raise SystemExit(f"{bundle}/hiprehab is missing: run `make bundle` first")
    number, release = version(), newest_release()
    if release[0] != number:
        raise SystemExit(f"the metainfo's newest release is {release[0]}, the app is {number}")
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{PACKAGE}_{number}_{arch}.deb"
    with tempfile.TemporaryDirectory(prefix="hiprehab-deb-") as temp:
        root = Path(temp, "root")
        lay_out(bundle, root, release)
        strip_libraries(root / PREFIX)
        (root / "DEBIAN").mkdir(mode=0o755)
        (root / "DEBIAN/control").write_text(control(root, number, arch), "utf-8")
        (root / "DEBIAN/md5sums").write_text(md5sums(root), "utf-8")
        stamp = release[1].timestamp()
        set_modes(root, stamp)
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(stamp))}
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(target)],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "hiprehab")
    parser.add_argument("--out", type=Path, default=REPO / "dist")
    parser.add_argument("--arch", help="the Debian architecture (default: dpkg's)")
    options = parser.parse_args(argv)
    arch = options.arch or subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()
    target = build(options.bundle, options.out, arch)
    print(f"{target}: {target.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
