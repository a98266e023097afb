"""Built tests read .aws-sam/build (run `make built-test`, which builds first) and run functions in children."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.invoke_built import BUILD_DIR
from scripts.local_mongo import LocalMongo


@pytest.fixture(scope="session", autouse=True)
def sam_build_output() -> Path:
    if not (BUILD_DIR / "template.yaml").is_file():
        pytest.fail("no sam build output in .aws-sam/build: run `make built-test` (it builds first)")
    return BUILD_DIR


@pytest.fixture(scope="session")
def mongo_uri(wire_uri):
    """The layers ship no database stand-in: built functions in the local stage get the run's wire server."""
    if wire_uri:
        yield wire_uri
        return
    with LocalMongo() as server:
        yield server.uri
