"""A real MongoDB wire-protocol server on loopback (SecantusDB, a development dependency) for the local
stage and the tests: `make dev` keeps its data in a folder, the test run uses a throwaway server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scripts.child_process import free_port, listening, spawn, stop


class LocalMongo:
    """`storage` is a folder that survives restarts, or ":memory:" for a server that keeps nothing."""

    def __init__(self, storage: Path | str = ":memory:", port: int | None = None, host: str = "127.0.0.1"):
        self.storage = str(storage)
        self.host = host
        self.port = port or free_port()
        self._process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"mongodb://{self.host}:{self.port}/?directConnection=true"

    def start(self) -> LocalMongo:
        if self.storage != ":memory:":
            Path(self.storage).mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "secantus", "--host", self.host, "--port", str(self.port)]
        command += ["--storage-path", self.storage, "--log-level", "WARNING"]
        if self.storage != ":memory:":  # kept data survives even a kill (a stop that timed out, a crash)
            command.append("--sync-on-commit")
        self._process = spawn(command, listening(self.host, self.port), f"MongoDB server on port {self.port}")
        return self

    def wait(self) -> None:
        if self._process is not None:
            self._process.wait()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            stop(process)

    def __enter__(self) -> LocalMongo:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
