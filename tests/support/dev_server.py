"""`make dev` as a user runs it: `python -m scripts.dev_server` in a child process on a free port, with its
data folder (DEV_DATA_DIR) where the test says, and none of the caller's settings (environment or .env)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from scripts.child_process import STOP_TIMEOUT_S, free_port, spawn, stop
from scripts.template_model import ROOT


def _serves(base: str):
    def check() -> bool:
        try:
            return httpx.get(f"{base}/pricing", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    return check


@contextmanager
def running_dev_server(data_dir: Path) -> Iterator[str]:
    """Yields the base URL; the server (and the database it started) stop at the end."""
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "MONGODB_", "SETTINGS_", "JWT_"))
    }
    env.update(
        APP_STAGE="local",
        DEV_HOST="127.0.0.1",
        DEV_PORT=str(port),
        LOG_LEVEL="WARNING",
        DEV_DATA_DIR=str(data_dir),
        SETTINGS_ENV_FILE=str(data_dir / "no.env"),  # never the developer's .env
    )
    base = f"http://127.0.0.1:{port}"
    server = spawn([sys.executable, "-m", "scripts.dev_server"], _serves(base), "make dev", env=env, cwd=ROOT)
    try:
        yield base
    finally:
        stop(server, timeout=2 * STOP_TIMEOUT_S)  # longer than the dev server's own stop of its database
