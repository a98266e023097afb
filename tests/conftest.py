"""Every test starts from the offline local stage: no .env, no SSM, fresh per-container clients.

Which MongoDB the tests use is decided here alone: `--mongo=mock` (the default) is mongomock in-process;
`--mongo=wire` starts one real wire-protocol server (SecantusDB) on a free loopback port for the run, or
uses the server at MONGO_TEST_URI, and makes it the local stage's embedded database, so every client, the
app's included, talks to it over TCP.
"""

from __future__ import annotations

import functools
import os
import threading

import mongomock
import pymongo
import pytest

from saas_billing.infra.db import mongo_client as app_mongo
from saas_billing.infra.db.clients import reset_clients
from saas_billing.infra.db.migrate import migrate
from saas_billing.infra.db.mongo_client import set_mongo_client
from saas_billing.infra.external_api.service.email.email_factory import set_email_sender
from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.mixins.clock import set_clock
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.routes.depends.catalog_dep import reset_catalog_cache
from scripts.local_mongo import LocalMongo
from tests.fakes.clock import FakeClock

MONGO_TEST_URI = "MONGO_TEST_URI"
SERVER_DATABASES = {"admin", "local", "config"}
DEFAULT_DATABASE = AppSettings.model_fields["mongodb_database"].default


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
    "DEV_DATA_DIR",
)


def pytest_addoption(parser):
    parser.addoption(
        "--mongo",
        choices=("mock", "wire"),
        default="mock",
        help="mock: mongomock in-process; wire: a real server over TCP (SecantusDB, or MONGO_TEST_URI)",
    )


def pytest_report_header(config):
    return f"mongo: {config.getoption('--mongo')}"


@pytest.fixture(scope="session")
def wire_uri(request):
    """The wire server's URI, or None on the mongomock tier."""
    if request.config.getoption("--mongo") != "wire":
        yield None
    elif os.environ.get(MONGO_TEST_URI):
        yield _empty_server(os.environ[MONGO_TEST_URI])
    else:
        with LocalMongo() as server:
            yield server.uri


def migrated(uri: str, settings):
    client = app_mongo.connect(uri, settings)
    migrate(client[settings.mongodb_database])
    return client


def _empty_server(uri: str) -> str:
    """Each test drops every database it leaves, so a server that holds data of its own is refused."""
    with pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000) as client:
        held = set(client.list_database_names()) - SERVER_DATABASES
    if held:
        pytest.exit(f"{MONGO_TEST_URI} must point at an empty server; it holds {sorted(held)}", returncode=2)
    return uri


@pytest.fixture(scope="session")
def wire_admin(wire_uri):
    if wire_uri is None:
        yield None
        return
    client = pymongo.MongoClient(wire_uri, tz_aware=True)
    yield client
    client.close()


@pytest.fixture(autouse=True)
def local_stage(monkeypatch, tmp_path, wire_uri, wire_admin):
    for name in list(os.environ):
        if name.startswith(SETTINGS_ENV_PREFIXES):
            monkeypatch.delenv(name)
    monkeypatch.setenv("APP_STAGE", "local")
    monkeypatch.setenv("DEV_DATA_DIR", str(tmp_path / "dev-data"))  # never the repository's .local/
    if wire_uri:  # the local stage's embedded database is the wire server, migrated as mongomock's is
        monkeypatch.setattr(app_mongo, "embedded_client", lambda settings: migrated(wire_uri, settings))
    monkeypatch.chdir(tmp_path)  # no stray .env is read
    reset_clients()
    reset_catalog_cache()
    set_email_sender(None)  # each test's local stage has a fresh outbox
    yield
    reset_clients()
    reset_catalog_cache()
    set_email_sender(None)
    if wire_admin is not None:  # every test starts from an empty server
        for name in set(wire_admin.list_database_names()) - SERVER_DATABASES:
            wire_admin.drop_database(name)


@pytest.fixture
def gateway() -> InMemoryGateway:
    gateway = InMemoryGateway()
    set_payment_gateway(gateway)
    return gateway


@pytest.fixture
def mongo_client(wire_uri):
    """The app's client for this test (mongomock, or a fresh client of the wire server), its database
    migrated as the local stage's is."""
    client = (
        pymongo.MongoClient(wire_uri, tz_aware=True) if wire_uri else mongomock.MongoClient(tz_aware=True)
    )
    migrate(client[DEFAULT_DATABASE])
    set_mongo_client(client)
    yield client
    client.close()


@pytest.fixture
def on_wire(wire_uri) -> bool:
    return wire_uri is not None


@pytest.fixture
def upsert_race_misreported_on_secantus(request, wire_uri):
    """Marks a test that counts concurrent first upserts as expected to fail on SecantusDB 0.7.0b3.

    Its `findAndModify` reads the candidates, finds none, and then upserts with the same filter; when a
    concurrent writer has inserted the document in between, that write updates it but answers
    `updatedExisting: false, upserted: null` and no document. mongod refuses that insert with E11000
    instead (the filter is not an equality on `_id` alone, so it does not retry it), which the repositories
    retry without upsert; tests replaying that interleaving run on every tier. The data stays right; only
    the report is wrong, so tests of the stored state still run on every tier."""
    if wire_uri and not os.environ.get("MONGO_TEST_URI"):
        reason = "SecantusDB 0.7.0b3 misreports a findAndModify upsert that races a concurrent insert"
        request.applymarker(pytest.mark.xfail(reason=reason, strict=False))


@pytest.fixture
def database(mongo_client):
    """A database with every declared index, as the deploy-time migration leaves it."""
    database = mongo_client["test"]
    migrate(database)
    return database


@pytest.fixture
def clock() -> FakeClock:
    """Installed as the application clock; move it with clock.advance(minutes=16)."""
    clock = FakeClock()
    set_clock(clock)
    return clock
