"""Local servers the tooling and the tests start as children: a free loopback port, a child that dies with
its parent (so nothing is left running), a wait until it answers, and a stop that does not hang."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

PR_SET_PDEATHSIG = 1
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    """A port nothing listens on right now (also how tests get a closed port that refuses connections)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dies_with(parent: int) -> Callable[[], None]:
    """Runs in the child before exec: SIGKILL when the parent goes (a server may ignore an early SIGTERM),
    and no start at all if the parent is already gone."""

    def arrange() -> None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(1)

    return arrange


def spawn(
    command: Sequence[str],
    ready: Callable[[], bool],
    what: str,
    timeout: float = 30.0,
    quiet: bool = False,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.Popen:
    """Starts `command` and returns once `ready()` holds; raises if something else already answered, or
    the child exits or times out first."""
    if ready():
        raise RuntimeError(f"cannot start {what}: something already answers there")
    process = subprocess.Popen(
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL if quiet else None,
        env=env,
        cwd=cwd,
        preexec_fn=_dies_with(os.getpid()),
    )
    deadline = time.monotonic() + timeout
    while not (ready() and process.poll() is None):
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        if time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"{what} was not ready within {timeout:.0f} s")
        time.sleep(0.05)
    return process


def stop(process: subprocess.Popen, timeout: float = STOP_TIMEOUT_S) -> None:
    """SIGTERM, then SIGKILL if it has not ended within `timeout`."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def listening(host: str, port: int) -> Callable[[], bool]:
    def check() -> bool:
        try:
            socket.create_connection((host, port), timeout=0.2).close()
        except OSError:
            return False
        return True

    return check
