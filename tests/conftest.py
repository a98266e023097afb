"""Every test starts from the offline local stage: no .env, no SSM, fresh per-container clients."""

from __future__ import annotations

import functools
import os
import threading

import mongomock
import pytest

from saas_billing.infra.db.clients import reset_clients
from saas_billing.infra.db.mongo_client import set_mongo_client
from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.mixins.clock import set_clock
from saas_billing.routes.depends.catalog_dep import reset_catalog_cache
from tests.fakes.clock import FakeClock


def _emulate_server_atomicity() -> None:
    """MongoDB runs each operation atomically (a unique-index check and its insert are one step);
    mongomock does them in separate Python steps, so threads could interleave inside one operation.
    One lock per operation restores the server's guarantee; operations still interleave between calls,
    which is what the concurrency tests exercise."""
    lock = threading.RLock()
    collection = mongomock.collection.Collection
    for name in (
        "insert_one", "insert_many", "update_one", "update_many", "replace_one", "delete_one",
        "delete_many", "find_one", "find_one_and_update", "find_one_and_replace", "find_one_and_delete",
        "count_documents", "create_index",
    ):  # fmt: skip
        original = getattr(collection, name)

        def atomic(*args, _original=original, **kwargs):
            with lock:
                return _original(*args, **kwargs)

        setattr(collection, name, functools.wraps(original)(atomic))


_emulate_server_atomicity()

SETTINGS_ENV_PREFIXES = (
    "STRIPE_",
    "MONGODB_",
    "JWT_",
    "APP_",
    "SETTINGS_",
    "CATALOG_",
    "LOG_LEVEL",
    "DEV_ADMIN_",
)


@pytest.fixture(autouse=True)
def local_stage(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith(SETTINGS_ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("APP_STAGE", "local")
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    reset_clients()
    reset_catalog_cache()
    yield
    reset_clients()
    reset_catalog_cache()


@pytest.fixture
def gateway() -> InMemoryGateway:
    gateway = InMemoryGateway()
    set_payment_gateway(gateway)
    return gateway


@pytest.fixture
def mongo_client():
    client = mongomock.MongoClient(tz_aware=True)
    set_mongo_client(client)
    return client


@pytest.fixture
def clock() -> FakeClock:
    """Installed as the application clock; move it with clock.advance(minutes=16)."""
    clock = FakeClock()
    set_clock(clock)
    return clock
