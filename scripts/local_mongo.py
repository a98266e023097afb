"""A real MongoDB wire-protocol server on loopback (SecantusDB, a development dependency), for the local
stage and the tests: `make dev` keeps its data under `.local/`, the test run uses a throwaway one.

Started as a child process that dies with its parent, so nothing is left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from scripts.template_model import ROOT

LOCAL_DIR = ROOT / ".local"
DEV_STORAGE = LOCAL_DIR / "mongo"
READY_TIMEOUT_S = 30.0
PR_SET_PDEATHSIG = 1


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class LocalMongo:
    """`storage` is a folder that survives restarts, or ":memory:" for a server that keeps nothing."""

    def __init__(self, storage: Path | str = ":memory:", port: int | None = None, host: str = "127.0.0.1"):
        self.storage = str(storage)
        self.host = host
        self.port = port or free_port(host)
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"mongodb://{self.host}:{self.port}/?directConnection=true"

    def start(self) -> LocalMongo:
        if self.storage != ":memory:":
            Path(self.storage).mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "secantus", "--host", self.host, "--port", str(self.port)]
        command += ["--storage-path", self.storage, "--log-level", "WARNING"]
        self._process = subprocess.Popen(command, preexec_fn=_die_with_parent, stdin=subprocess.DEVNULL)
        self._wait_until_ready()
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(f"the local MongoDB server exited with {self._process.returncode}")
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), 0.2):
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"the local MongoDB server did not listen on {self.host}:{self.port}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> LocalMongo:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
