"""Shared test setup: every test gets its own data and config folders, and Qt runs offscreen."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
import threading
import traceback
import tracemalloc
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from hiprehab.i18n import use_language

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("default")


class _WarnIfLeftOpen(sqlite3.Connection):
    """A connection that warns, as Python 3.13's own do, when it is dropped while still open."""

    def __del__(self) -> None:
        try:
            self.total_changes  # noqa: B018  (raises once closed, or in another thread)
        except sqlite3.ProgrammingError:
            return
        where = getattr(self, "opened_at", "")
        warnings.warn(f"unclosed database in {self!r}{where}", ResourceWarning, stacklevel=1)


if sys.version_info < (3, 13):  # from 3.13 on, every sqlite3 connection does this itself
    _connect = sqlite3.connect

    def _connect_warning_if_left_open(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs.setdefault("factory", _WarnIfLeftOpen)
        connection = _connect(*args, **kwargs)
        if tracemalloc.is_tracing() and isinstance(connection, _WarnIfLeftOpen):
            # with -X tracemalloc=N: where the connection was opened, to find who forgot it
            stack = traceback.format_stack(limit=tracemalloc.get_traceback_limit())
            connection.opened_at = "; opened at:\n" + "".join(stack[:-1])
        return connection

    sqlite3.connect = _connect_warning_if_left_open


@pytest.fixture(autouse=True)
def isolated_profile(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every user folder at a fresh temporary one, so no test touches the real profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HIPREHAB_HOME", str(home / "hiprehab"))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
    return home / "hiprehab"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English with plain 'en' formats, whatever the machine's locale, and
    child processes it starts do too; a test that wants German asks for it (`german`)."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_language("en")
    yield
    use_language("en")


@pytest.fixture
def german() -> Iterator[None]:
    """The app's words, dates and numbers in German for this test."""
    assert use_language("de") == "de", "no German catalogue: run `make` (it compiles the .mo)"
    yield
    use_language("en")


@pytest.fixture(autouse=True)
def strict_child_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's processes a test starts (`python -m hiprehab ...`) turn warnings into errors too,
    as pyproject.toml's filterwarnings does in this one."""
    monkeypatch.setenv("PYTHONWARNINGS", "error")


THREAD_END_S = 10.0  # a guard only: a thread that was told to stop ends in milliseconds


def _child_processes() -> set[int]:
    """This process's children, running or not yet waited for (Linux; elsewhere: none known)."""
    found: set[int] = set()
    tasks = Path("/proc/self/task")
    for task in tasks.iterdir() if tasks.is_dir() else ():
        try:
            found.update(int(pid) for pid in (task / "children").read_text().split())
        except OSError:  # a thread that just ended, or a kernel without the children file
            continue
    return found


def _describe(pid: int) -> str:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").strip()
    except OSError:
        return str(pid)
    return f"{pid} ({command.decode(errors='replace') or 'ended, not waited for'})"


@pytest.fixture(autouse=True)
def nothing_left_running() -> Iterator[None]:
    """Fail a test that leaves a thread or a child process of its own behind, checked once the
    test's own fixtures are taken down (an autouse fixture is set up before them).

    Threads that Qt or a C library started and Python only saw in passing (dummy threads) are
    not the test's to stop. A child process must be ended and waited for (`with Popen(...)`):
    one that is left is killed and reaped here, so that the next test starts without it.
    """
    threads = set(threading.enumerate())
    children = _child_processes()
    yield
    extra = [
        t
        for t in threading.enumerate()
        if t not in threads and not isinstance(t, threading._DummyThread)
    ]
    for thread in extra:
        thread.join(THREAD_END_S)  # one that is on its way out gets the chance to finish
    running = [t for t in extra if t.is_alive()]
    left = sorted(_child_processes() - children)
    described = [_describe(pid) for pid in left]
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if running:
        pytest.fail(f"the test left threads running: {running}")
    if left:
        pytest.fail(f"the test left processes behind: {', '.join(described)}")


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT
