"""A database that stops mid-run: requests get a JSON 503 inside the configured timeout, and serving resumes
when it is back, with no restart of the app (the same handler, the same cached client)."""

from __future__ import annotations

import time

import pymongo
import pytest

from saas_billing.infra.db.migrate import migrate
from scripts.local_mongo import LocalMongo
from tests.support.auth_client import PASSWORD, install_cheap_hasher
from tests.support.browser import Browser

TIMEOUT_MS = 500
# Far above TIMEOUT_MS (server selection, then a socket timeout of twice it), far below Lambda's 29 s.
NO_HANG_S = 15


@pytest.fixture
def server(tmp_path, monkeypatch):
    server = LocalMongo(tmp_path / "data").start()
    client = pymongo.MongoClient(server.uri)
    migrate(client["saas_billing"])
    client.close()
    monkeypatch.setenv("MONGODB_URI", server.uri)
    monkeypatch.setenv("MONGODB_TIMEOUT_MS", str(TIMEOUT_MS))
    yield server
    server.stop()


def login(handler):
    return Browser(handler).post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD})


def test_a_stopped_database_is_a_503_and_the_same_app_serves_again_once_it_is_back(server):
    from auth_handler import handler

    install_cheap_hasher()
    assert (
        Browser(handler)
        .post("/v1/auth/register", json={"email": "ada@example.com", "password": PASSWORD})
        .status
        == 201
    )
    server.stop()
    started = time.monotonic()
    response = login(handler)
    assert response.status == 503
    assert response.json() == {"detail": "The database is unavailable; retry shortly"}
    assert time.monotonic() - started < NO_HANG_S, "bounded by the client's timeouts, not Lambda's"
    server.start()  # same port, same data
    for _ in range(40):  # the driver finds the server again on its next selection
        response = login(handler)
        if response.status != 503:
            break
        time.sleep(0.25)
    assert response.status == 200, response.text
