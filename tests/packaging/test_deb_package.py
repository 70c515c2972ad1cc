"""The Debian package (`make deb`, packaging/linux/build_deb.py): the bundle under /opt/hiprehab,
the launcher, the desktop entry, the metainfo, the MIME definition, the icons and the copyright
file, all root's, with Debian's modes, and a control file that names what the bundle needs.

The first tests build a package from a small stand-in bundle, so they run wherever dpkg-deb
does. The last one reads the real package in dist/: packaging/check-linux builds it (`make deb`)
and runs this file after; elsewhere it skips when there is none.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hiprehab import __version__
from tests.packaging.linux_tools import APP_ID, ICON_SIZES, LINUX, REPO, missing, tool

BUILD = LINUX / "build_deb.py"
BUILD_ONLY = {"make", "python3-venv"}  # in debian-packages.txt to run from source, not needed


def required_files() -> set[str]:
    """What a desktop needs of the package, as `dpkg-deb -c` names it."""
    share = "./usr/share"
    files = {
        "./usr/bin/hiprehab",
        "./opt/hiprehab/hiprehab",
        f"{share}/applications/{APP_ID}.desktop",
        f"{share}/metainfo/{APP_ID}.metainfo.xml",
        f"{share}/mime/packages/{APP_ID}.xml",
        f"{share}/icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"{share}/doc/hiprehab/copyright",
        f"{share}/doc/hiprehab/changelog.gz",
        f"{share}/lintian/overrides/hiprehab",
    }
    files |= {f"{share}/icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in ICON_SIZES}
    return files


def listing(deb: Path) -> dict[str, tuple[str, str]]:
    """Each path in the package: its mode string and owner, from `dpkg-deb -c`."""
    out = subprocess.run(
        [tool("dpkg-deb", "dpkg"), "-c", str(deb)],
        capture_output=True, text=True, check=True, timeout=300,
    ).stdout
    entries = {}
    for line in out.splitlines():
        mode, owner, _size, _date, _time, path = line.split(None, 5)
        entries[path.split(" -> ")[0].rstrip("/") or "."] = (mode, owner)
    return entries


def check_contents(deb: Path) -> dict[str, tuple[str, str]]:
    entries = listing(deb)
    assert required_files() <= set(entries), sorted(required_files() - set(entries))
    assert {owner for _mode, owner in entries.values()} == {"root/root"}
    inside = ("./opt/hiprehab", "./usr/")
    outside = [p for p in entries if p not in (".", "./opt", "./usr") and not p.startswith(inside)]
    assert outside == [], outside
    for path, (mode, _owner) in entries.items():
        if mode.startswith("d"):
            assert mode == "drwxr-xr-x", path
        elif mode.startswith("-"):
            program = path in ("./usr/bin/hiprehab", "./opt/hiprehab/hiprehab")
            assert mode == ("-rwxr-xr-x" if program else "-rw-r--r--"), path
    return entries


@pytest.fixture(scope="module")
def small_deb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tool("dpkg-deb", "dpkg")
    bundle = tmp_path_factory.mktemp("bundle")
    program = Path(shutil.which("true") or "/bin/true").resolve()
    shutil.copy(program, bundle / "hiprehab")  # an ELF program, as PyInstaller's loader is
    (bundle / "_internal").mkdir()
    library = bundle / "_internal" / "libstandin.so.1"
    library.write_text("not a real library\n")
    library.chmod(0o755)  # as wheels ship them; the package has them 0644
    (bundle / "_internal" / "data.txt").write_text("data\n")
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, str(BUILD), "--bundle", str(bundle), "--out", str(out), "--arch", "amd64"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    deb = out / f"hiprehab_{__version__}_amd64.deb"
    assert result.stdout.startswith(f"{deb}: ")
    return deb


@pytest.fixture(scope="module")
def unpacked(small_deb: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("root")
    subprocess.run(["dpkg-deb", "-R", str(small_deb), str(root)], check=True, timeout=120)
    return root


def test_the_package_holds_what_the_desktop_needs(small_deb: Path) -> None:
    entries = check_contents(small_deb)
    assert entries["./opt/hiprehab/_internal/libstandin.so.1"][0] == "-rw-r--r--"


def test_the_launcher_runs_the_bundle(unpacked: Path) -> None:
    launcher = (unpacked / "usr" / "bin" / "hiprehab").read_text(encoding="utf-8")
    assert launcher.startswith("#!/bin/sh\n")
    assert 'exec /opt/hiprehab/hiprehab "$@"\n' in launcher


def test_the_desktop_files_are_the_ones_in_packaging_linux(unpacked: Path) -> None:
    share = unpacked / "usr" / "share"
    places = {"desktop": "applications", "metainfo.xml": "metainfo", "xml": "mime/packages"}
    for suffix, folder in places.items():
        name = f"{APP_ID}.{suffix}"
        assert (share / folder / name).read_bytes() == (LINUX / name).read_bytes(), name


def test_the_control_file_names_what_the_bundle_needs(unpacked: Path) -> None:
    fields = dict(
        re.findall(r"^([A-Za-z-]+): (.*)$", (unpacked / "DEBIAN" / "control").read_text(), re.M)
    )
    assert (fields["Package"], fields["Version"], fields["Architecture"]) == (
        "hiprehab", __version__, "amd64"
    )
    assert fields["Section"] and fields["Priority"] == "optional"
    assert re.fullmatch(r".+ <[^@ ]+@[^@ ]+>", fields["Maintainer"])
    assert int(fields["Installed-Size"]) > 0
    depends = fields["Depends"].split(", ")
    assert re.fullmatch(r"libc6 \(>= 2\.\d+\)", depends[0])
    listed = (REPO / "packaging" / "debian-packages.txt").read_text(encoding="utf-8").split()
    assert depends[1:] == [name for name in listed if name not in BUILD_ONLY]
    assert fields["Description"].startswith("guided hip exercises")
    md5sums = (unpacked / "DEBIAN" / "md5sums").read_text()
    assert re.search(r"^[0-9a-f]{32}  usr/bin/hiprehab$", md5sums, re.M)


def test_the_copyright_file_is_machine_readable_and_mit(unpacked: Path) -> None:
    text = (unpacked / "usr" / "share" / "doc" / "hiprehab" / "copyright").read_text()
    assert text.startswith(
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
    )
    assert "\nFiles: *\nCopyright: 2026 The hiprehab developers\nLicense: Expat\n" in text
    assert " Permission is hereby granted, free of charge," in text


def test_the_changelog_is_this_version(unpacked: Path) -> None:
    data = (unpacked / "usr" / "share" / "doc" / "hiprehab" / "changelog.gz").read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    assert text.startswith(f"hiprehab ({__version__}) unstable; urgency=medium\n")
    signed = r"^ -- .+ <.+>  \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$"
    assert re.search(signed, text, re.M)


def test_the_built_package(tmp_path: Path) -> None:
    """The package `make deb` built from the real bundle (packaging/check-linux runs this)."""
    debs = sorted((REPO / "dist").glob(f"hiprehab_{__version__}_*.deb"))
    if not debs:
        missing(f"dist/hiprehab_{__version__}_*.deb", "`make deb` builds it")
    entries = check_contents(debs[-1])
    libraries = [p for p in entries if re.search(r"\.so(\.\d+)*$", p)]
    assert len(libraries) > 50  # Qt and Python, all of them 0644 (check_contents)


def test_ci_builds_and_checks_the_package() -> None:
    assert "\npackaging/check-linux\n" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    script = (REPO / "packaging" / "check-linux").read_text(encoding="utf-8")
    for step in ("desktop-file-validate", "appstreamcli validate --no-net", "\nmake deb\n",
                 'lintian --fail-on error "$deb"', "HIPREHAB_PACKAGING_CHECKS=1"):
        assert step in script, step
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\ndeb: bundle\n\t$(BIN)/python packaging/linux/build_deb.py\n" in makefile
