"""One running app per profile: a second launch hands its file to the first one and exits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDir
from PySide6.QtGui import QFileOpenEvent, QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiprehab import launch as cli
from hiprehab.paths import AppPaths
from hiprehab.routine.user_files import list_user_routines
from hiprehab.ui import app as app_module
from hiprehab.ui.single_instance import (
    HEADER,
    MAGIC,
    FrameError,
    FrameReader,
    InstanceServer,
    Outcome,
    claim,
    encode,
    hand_over,
    server_name,
)
from tests.ui.conftest import SHORT_ROUTINE

POSIX = sys.platform != "win32"


@pytest.fixture
def name(paths: AppPaths) -> str:
    """This test's profile's server name (every test has its own HIPREHAB_HOME)."""
    return server_name(paths.data_dir)


@pytest.fixture
def server(name: str) -> Iterator[InstanceServer]:
    """A running instance's server, as `run_app` makes it."""
    running = InstanceServer(name)
    assert running.listen(), "the name should be free in a fresh profile"
    yield running
    running.close()


def listening(name: str) -> bool:
    """Whether something accepts connections under `name` (connects and hangs up at once)."""
    probe = QLocalSocket()
    probe.connectToServer(name)
    connected = probe.state() == QLocalSocket.LocalSocketState.ConnectedState
    probe.abort()
    return connected


def test_server_names_differ_per_profile_and_fit_a_socket_path(tmp_path: Path) -> None:
    one, two = tmp_path / "one" / "data", tmp_path / "two" / "data"
    one.mkdir(parents=True)
    assert server_name(one) != server_name(two)
    assert server_name(one) == server_name(tmp_path / "one" / "." / "data")  # same folder
    if POSIX:
        (tmp_path / "link").symlink_to(tmp_path / "one")
        assert server_name(tmp_path / "link" / "data") == server_name(one)
    assert server_name(one).startswith("hiprehab-")
    assert len(server_name(one)) <= 32  # Unix socket paths are limited to about 100 bytes


def test_a_second_launch_hands_its_file_to_the_running_one(
    qtbot: QtBot,
    server: InstanceServer,
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "Übungen vom Physio"
    folder.mkdir()
    (folder / "hüfte à droite 1.toml").write_text(SHORT_ROUTINE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the launch names it relative to its own working folder
    relative = Path("Übungen vom Physio") / "hüfte à droite 1.toml"
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        outcome = hand_over(name, [relative])
    assert outcome is Outcome.DELIVERED
    assert blocker.args == [[folder / "hüfte à droite 1.toml"]]  # absolute, spelled exactly


def test_a_launch_without_a_file_asks_the_running_one_to_show_itself(
    qtbot: QtBot, server: InstanceServer, name: str
) -> None:
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        assert hand_over(name, []) is Outcome.DELIVERED
    assert blocker.args == [[]]


def test_the_first_launch_becomes_the_running_instance(
    qtbot: QtBot, name: str, tmp_path: Path
) -> None:
    assert hand_over(name, []) is Outcome.NO_SERVER
    first = claim(name, [])
    assert not first.handed_over and first.server is not None
    try:
        assert first.server.is_listening()
        with qtbot.waitSignal(first.server.files_received, timeout=5000) as blocker:
            second = claim(name, [tmp_path / "a.toml"])
        assert second.handed_over and second.server is None
        assert blocker.args == [[tmp_path / "a.toml"]]
    finally:
        first.server.close()
    assert not listening(name)  # closing frees the name for the next launch


@pytest.mark.skipif(not POSIX, reason="Windows pipes vanish with their process")
def test_a_socket_left_by_a_crashed_instance_is_cleared(
    qtbot: QtBot, name: str, tmp_path: Path
) -> None:
    stale = Path(QDir.tempPath()) / name
    crashed = socket.socket(socket.AF_UNIX)  # what an instance that died leaves behind:
    crashed.bind(str(stale))  # the socket file, with nobody listening on it
    crashed.close()
    try:
        plain = QLocalServer()
        assert not plain.listen(name)  # it would block a server...
        assert hand_over(name, [tmp_path / "a.toml"]) is Outcome.NO_SERVER  # ...refused
        started = claim(name, [])
        assert not started.handed_over and started.server is not None
        try:
            assert started.server.is_listening()
            with qtbot.waitSignal(started.server.files_received, timeout=5000) as blocker:
                assert hand_over(name, [tmp_path / "a.toml"]) is Outcome.DELIVERED
            assert blocker.args == [[tmp_path / "a.toml"]]
        finally:
            started.server.close()
    finally:
        stale.unlink(missing_ok=True)


def test_an_instance_that_does_not_answer_is_left_alone(name: str) -> None:
    """Something holds the name but hangs up: start normally, without taking the name."""
    rude = QLocalServer()
    assert rude.listen(name)

    def hang_up() -> None:
        while rude.hasPendingConnections():
            rude.nextPendingConnection().abort()

    rude.newConnection.connect(hang_up)
    try:
        assert hand_over(name, []) is Outcome.FAILED
        started = claim(name, [])
        assert not started.handed_over and started.server is None
        assert rude.isListening() and listening(name)  # still the other one's
    finally:
        rude.close()


def test_the_server_ignores_what_is_not_a_hiprehab_message(
    qtbot: QtBot, server: InstanceServer, name: str, tmp_path: Path
) -> None:
    received: list[list[Path]] = []
    server.files_received.connect(received.append)
    for junk in (
        b"GET / HTTP/1.1\r\n\r\n",
        encode({"open": ["relative/path.toml"]}),
        encode({"open": "/not/a/list.toml"}),
    ):
        stranger = QLocalSocket()
        stranger.connectToServer(name)
        assert stranger.state() == QLocalSocket.LocalSocketState.ConnectedState
        with qtbot.waitSignal(stranger.disconnected, timeout=5000):
            stranger.write(junk)
            stranger.flush()
    assert received == []
    with qtbot.waitSignal(server.files_received, timeout=5000):  # and goes on serving
        assert hand_over(name, [tmp_path / "b.toml"]) is Outcome.DELIVERED
    assert received == [[tmp_path / "b.toml"]]


def test_frames_are_read_whole_however_the_bytes_arrive() -> None:
    message = encode({"open": ["/tmp/a b/ü.toml"]})
    assert message[:4] == MAGIC and len(message) == HEADER.size + HEADER.unpack(message[:8])[1]
    reader = FrameReader()
    for byte in message[:-1]:
        assert reader.feed(bytes([byte])) is None
    assert reader.feed(message[-1:]) == {"open": ["/tmp/a b/ü.toml"]}
    with pytest.raises(FrameError):
        FrameReader().feed(b"XX")  # wrong from the first bytes
    with pytest.raises(FrameError):
        FrameReader().feed(HEADER.pack(MAGIC, 1 << 30))  # far too long
    with pytest.raises(FrameError):
        FrameReader().feed(HEADER.pack(MAGIC, 3) + b"\xff\xfe{")  # not UTF-8 JSON


@pytest.fixture
def no_window(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """`run_app` must not get as far as a window (it would then run its event loop)."""

    def fail(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a second window was made instead of handing over")

    monkeypatch.setattr(app_module, "create_main_window", fail)
    name = QGuiApplication.applicationName()
    yield
    QGuiApplication.setApplicationName(name)


@pytest.mark.usefixtures("no_window")
def test_run_app_hands_over_to_the_running_instance_and_returns_0(
    qtbot: QtBot, server: InstanceServer, routine_file: Path
) -> None:
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        assert app_module.run_app(str(routine_file)) == 0
    assert blocker.args == [[routine_file]]
    with qtbot.waitSignal(server.files_received, timeout=5000) as blocker:
        assert app_module.run_app(None) == 0
    assert blocker.args == [[]]


@pytest.mark.usefixtures("no_window")
def test_a_file_macos_sends_to_a_launch_that_hands_over_goes_along(
    qtbot: QtBot, server: InstanceServer, tmp_path: Path
) -> None:
    """macOS may send the file a launch is for (a QFileOpenEvent) while that launch asks the
    running instance: it follows the first message instead of being lost."""
    received: list[list[Path]] = []
    server.files_received.connect(received.append)
    routine = tmp_path / "knee.hiprehab.toml"
    QCoreApplication.postEvent(QApplication.instance(), QFileOpenEvent(str(routine)))
    assert app_module.run_app(None) == 0
    qtbot.waitUntil(lambda: len(received) == 2, timeout=5000)
    assert received == [[], [routine]]


@pytest.mark.usefixtures("no_window")
def test_a_second_hiprehab_process_opens_its_file_in_the_first(
    qtbot: QtBot, name: str, paths: AppPaths, tmp_path: Path
) -> None:
    """Two real launches: the file reaches the running app, which copies it into the user's
    routines; when that app is killed, its socket does not stop the next launch."""
    with subprocess.Popen(  # the same environment: this test's HIPREHAB_HOME, offscreen Qt
        [sys.executable, "-m", "hiprehab"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as first:  # leaving the block closes the stderr pipe
        try:
            qtbot.waitUntil(lambda: listening(name) or first.poll() is not None, timeout=30_000)
            assert first.poll() is None, first.stderr.read().decode() if first.stderr else ""
            routine = tmp_path / "vom Physio" / "Hüfte rechts.toml"
            routine.parent.mkdir()
            routine.write_text(SHORT_ROUTINE.replace('illustration = "pics/lift.png"\n', ""))
            assert cli.main([str(routine)]) == 0
            qtbot.waitUntil(
                lambda: len(list_user_routines(paths.routines_dir)) == 1, timeout=10_000
            )
            (copy,) = list_user_routines(paths.routines_dir)
            assert copy.read_text() == routine.read_text()
        finally:
            if first.poll() is None:
                if POSIX:
                    os.kill(first.pid, signal.SIGKILL)  # a crash: nothing is cleaned up
                else:
                    first.kill()
            first.wait(timeout=30)
    if POSIX:
        assert (Path(QDir.tempPath()) / name).exists()  # the crashed instance's socket
    assert not listening(name)
    after = claim(name, [])
    assert not after.handed_over and after.server is not None
    after.server.close()
