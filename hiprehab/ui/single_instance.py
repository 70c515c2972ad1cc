"""One running app per user profile: a second launch hands its files to the first and exits.

The first instance listens on a `QLocalServer` named after its data folder (hashed, so every
profile, e.g. each test's `HIPREHAB_HOME`, has its own name). A later `hiprehab [FILE.toml]`
connects, sends the absolute paths of the files it was given (none means "show yourself"),
waits for the answer and exits. Only `run_app` comes here: `hiprehab check` and
`hiprehab history` never touch it.

One message each way, framed as MAGIC (4 bytes), the payload's length (4 bytes, big-endian)
and the payload, UTF-8 JSON: `{"open": ["/abs/path", ...]}` from the new launch, `{"ok": true}`
back from the running one.

Start-up (`claim`):
- the running instance answers: the files are handed over, the new launch exits;
- nothing listens (no server, or a socket file a crashed instance left behind, which
  `QLocalServer.removeServer` clears): this launch becomes the running instance;
- something listens but does not answer in time: this launch starts normally without a server
  (it never takes the name from an instance that is still there).
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MAGIC = b"HRH1"
HEADER = struct.Struct(">4sI")
MAX_PAYLOAD = 1 << 20  # far more than any list of paths; anything bigger is not ours
HANDOVER_MS = 5000  # how long a new launch waits for the running instance to answer
CONNECTION_MS = 10_000  # how long the running instance keeps a silent connection open


class FrameError(ValueError):
    """Bytes that are not a hiprehab message."""


def server_name(data_dir: Path) -> str:
    """The local server name for a profile: short (Unix socket paths are limited), and
    the same however the folder is spelled (symlinks, and case on Windows)."""
    folder = os.path.normcase(str(Path(data_dir).expanduser().resolve()))
    digest = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()
    return f"hiprehab-{digest[:20]}"


def encode(payload: dict[str, object]) -> bytes:
    """One framed message. JSON escapes everything outside ASCII, so any path survives,
    even one whose name is not valid UTF-8 (Python keeps those bytes as surrogates)."""
    body = json.dumps(payload).encode("utf-8")
    return HEADER.pack(MAGIC, len(body)) + body


class FrameReader:
    """Collects bytes until one whole message is there."""

    def __init__(self) -> None:
        self._buffer = b""

    def feed(self, data: bytes) -> dict[str, object] | None:
        """The message once complete, else None; raises FrameError for anything else."""
        self._buffer += data
        if len(self._buffer) < HEADER.size:
            if not MAGIC.startswith(self._buffer[: len(MAGIC)]):
                raise FrameError("not a hiprehab message")  # i18n: ignore
            return None
        magic, length = HEADER.unpack_from(self._buffer)
        if magic != MAGIC:
            raise FrameError("not a hiprehab message")  # i18n: ignore
        if length > MAX_PAYLOAD:
            raise FrameError(f"message too long ({length} bytes)")  # i18n: ignore
        end = HEADER.size + length
        if len(self._buffer) < end:
            return None
        try:
            payload = json.loads(self._buffer[HEADER.size : end].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FrameError(f"unreadable message: {exc}") from exc  # i18n: ignore
        if not isinstance(payload, dict):
            raise FrameError("unreadable message: not an object")  # i18n: ignore
        return payload


def files_in(message: dict[str, object]) -> list[Path]:
    """The absolute paths a new launch asked to open; raises FrameError for anything else."""
    files = message.get("open")
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise FrameError("'open' must be a list of paths")  # i18n: ignore
    paths = [Path(f) for f in files]
    if not all(p.is_absolute() for p in paths):
        raise FrameError("paths must be absolute")  # i18n: ignore
    return paths


class InstanceServer(QObject):
    """The running instance's end: emits `files_received` for every launch that hands over."""

    files_received = Signal(list)  # list[Path]; empty when the launch had no file

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        # only this user may connect (a 0700 socket; on Windows, the pipe's access list)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        return bool(self._server.listen(self.name))

    def is_listening(self) -> bool:
        return bool(self._server.isListening())

    def full_name(self) -> str:
        """The socket file (Unix) or pipe (Windows) in use."""
        return str(self._server.fullServerName())

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            reader = FrameReader()
            socket.readyRead.connect(lambda s=socket, r=reader: self._read(s, r))
            socket.disconnected.connect(socket.deleteLater)
            QTimer.singleShot(CONNECTION_MS, socket, socket.abort)  # a client that never speaks
            if socket.bytesAvailable():
                self._read(socket, reader)

    def _read(self, socket: QLocalSocket, reader: FrameReader) -> None:
        try:
            message = reader.feed(bytes(socket.readAll().data()))
            if message is None:
                return
            files = files_in(message)
        except FrameError:
            socket.abort()
            return
        socket.readyRead.disconnect()
        socket.write(encode({"ok": True}))
        socket.flush()
        socket.disconnectFromServer()
        self.files_received.emit(files)


class Outcome(Enum):
    DELIVERED = "delivered"  # the running instance has the files
    # nothing listens under the name (maybe a stale socket file)
    NO_SERVER = "no server"  # i18n: ignore
    FAILED = "failed"  # something is there but did not answer


class _Exchange(QObject):
    """One request and its answer, waited for in a local event loop (so a server in this same
    process, as in tests, is served while we wait)."""

    def __init__(self, name: str, message: bytes, timeout_ms: int) -> None:
        super().__init__()
        self.outcome: Outcome | None = None
        self._message = message
        self._reader = FrameReader()
        self._loop = QEventLoop()
        self._socket = QLocalSocket(self)
        self._socket.connected.connect(self._send)
        self._socket.readyRead.connect(self._read)
        self._socket.errorOccurred.connect(self._error)
        self._socket.disconnected.connect(lambda: self._finish(Outcome.FAILED))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._finish(Outcome.FAILED))
        self._timer.start(timeout_ms)
        self._socket.connectToServer(name)

    def run(self) -> Outcome:
        if self.outcome is None:
            self._loop.exec()
        self._timer.stop()
        self._socket.abort()
        assert self.outcome is not None
        return self.outcome

    def _finish(self, outcome: Outcome) -> None:
        if self.outcome is None:
            self.outcome = outcome
            self._loop.quit()

    def _send(self) -> None:
        self._socket.write(self._message)
        self._socket.flush()

    def _read(self) -> None:
        try:
            answer = self._reader.feed(bytes(self._socket.readAll().data()))
        except FrameError:
            self._finish(Outcome.FAILED)
            return
        if answer is not None:
            self._finish(Outcome.DELIVERED if answer.get("ok") is True else Outcome.FAILED)

    def _error(self, error: QLocalSocket.LocalSocketError) -> None:
        nobody = (
            QLocalSocket.LocalSocketError.ServerNotFoundError,
            QLocalSocket.LocalSocketError.ConnectionRefusedError,
        )
        connected = self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState
        self._finish(Outcome.NO_SERVER if error in nobody and not connected else Outcome.FAILED)


def hand_over(name: str, files: list[Path], timeout_ms: int = HANDOVER_MS) -> Outcome:
    """Ask the instance listening under `name` to show itself and open `files`.

    Paths are sent absolute: the running instance has its own working folder.
    A Q(Core)Application must exist.
    """
    message = encode({"open": [os.path.abspath(f) for f in files]})
    exchange = _Exchange(name, message, timeout_ms)
    try:
        return exchange.run()
    finally:
        exchange.deleteLater()


@dataclass
class Claim:
    handed_over: bool  # the running instance has the files: this launch should exit
    server: InstanceServer | None  # listening when this launch is now the running instance


def claim(name: str, files: list[Path], timeout_ms: int = HANDOVER_MS) -> Claim:
    """Hand `files` to the running instance of this profile, or become it."""
    outcome = hand_over(name, files, timeout_ms)
    if outcome is Outcome.DELIVERED:
        return Claim(handed_over=True, server=None)
    if outcome is Outcome.FAILED:
        # someone holds the name but does not answer: start normally, and leave the name alone
        return Claim(handed_over=False, server=None)
    # nothing listens; a socket file left by an instance that crashed would block listen()
    QLocalServer.removeServer(name)
    server = InstanceServer(name)
    if server.listen():
        return Claim(handed_over=False, server=server)
    server.deleteLater()
    return Claim(handed_over=False, server=None)
