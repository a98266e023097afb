"""One MongoDB client per container, created on first use.

Serving code never creates indexes: the migration does, at deploy time (`make migrate`), when `make dev`
starts, and when the local stage's embedded database is created.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from saas_billing.infra.exception.errors import ServiceUnavailable, SettingsError
from saas_billing.infra.mixins.lazy import lazy
from saas_billing.infra.snapstart.hooks import before_snapshot

if TYPE_CHECKING:
    from pymongo.database import Database

    from saas_billing.infra.settings.app_settings import AppSettings

logger = logging.getLogger(__name__)
_client = None
# A container serves one request at a time, so it needs one application connection (one spare); every
# container also keeps the driver's monitoring connections. Idle ones close while the container is frozen
# between bursts. README, Database connections: how this relates concurrency to the cluster's limit.
POOL_SIZE = 2
POOL_IDLE_MS = 60_000
# Built repositories by ("module:Class", database).
_repositories: dict[tuple[str, str], Any] = {}
REPOSITORY_PACKAGE = "saas_billing.repo.mongodb"


def get_mongo_client(settings: AppSettings):
    global _client
    if _client is None:
        try:
            _client = _build_client(settings)
        except SettingsError:
            raise
        except Exception as error:
            # A mongodb+srv:// URI resolves DNS in the constructor: an outage there is a 503 like any other.
            from pymongo.errors import PyMongoError

            if not isinstance(error, PyMongoError):
                raise
            logger.warning("database client could not be created", extra={"error": type(error).__name__})
            raise ServiceUnavailable("The database is unavailable; retry shortly") from error
    return _client


def get_database(settings: AppSettings) -> Database:
    return get_mongo_client(settings)[settings.mongodb_database]


def get_repository(name: str, settings: AppSettings) -> Any:
    """The repository `<module>:<Class>` of repo/mongodb, one per class and database while the client lives.

    Until a request first calls it, the caller holds a stand-in: its module (and with it pymongo, ~45 ms)
    is imported and the repository built on that first call, so a request that never reaches the database
    (a 401, a visitor's page, a refused signature) does not pay for either. Repositories are stateless;
    building one per request would cost a collection object every warm invoke.
    """
    repository = _repositories.get((name, settings.mongodb_database))
    return repository if repository is not None else lazy(lambda: _build_repository(name, settings))


def _build_repository(name: str, settings: AppSettings) -> Any:
    key = (name, settings.mongodb_database)
    if key not in _repositories:
        module, _, class_name = name.partition(":")
        cls = getattr(importlib.import_module(f"{REPOSITORY_PACKAGE}.{module}"), class_name)
        _repositories[key] = cls(get_database(settings))
    return _repositories[key]


def _build_client(settings: AppSettings):
    uri = settings.mongo_connection_uri
    if uri:
        return connect(uri, settings)
    if not settings.is_local:
        raise SettingsError("mongodb_uri is required outside the local stage")
    return embedded_client(settings)


def connect(uri: str, settings: AppSettings):
    from pymongo import MongoClient

    # A bounded server selection makes an unreachable database a quick 503, not a Lambda timeout.
    return MongoClient(
        uri,
        appname=settings.app_name,
        tz_aware=True,
        serverSelectionTimeoutMS=settings.mongodb_timeout_ms,
        connectTimeoutMS=settings.mongodb_timeout_ms,
        socketTimeoutMS=settings.mongodb_timeout_ms * 2,
        maxPoolSize=POOL_SIZE,
        maxIdleTimeMS=POOL_IDLE_MS,
    )


def embedded_client(settings: AppSettings):
    """The local stage's database when none is configured: mongomock from a development environment
    (the deployed layers do not ship it), with the declared indexes. `make dev` and `make invoke` start a
    real local server instead."""
    try:
        import mongomock
    except ImportError:
        raise SettingsError(
            "No MongoDB configured: set MONGODB_URI (make dev and make invoke start a local server)"
        ) from None
    from saas_billing.infra.db.migrate import migrate

    logger.info("no MongoDB settings: using an in-process mongomock database (data is not kept)")
    client = mongomock.MongoClient(tz_aware=True)
    migrate(client[settings.mongodb_database])
    return client


@before_snapshot
def _no_connection_in_the_snapshot() -> None:
    """Init creates no client (it is made on first use); should one exist, its sockets stay out of a snapshot."""
    set_mongo_client(None)


def set_mongo_client(client) -> None:
    """Tests install a client here; None closes and drops the cached one."""
    global _client
    if _client is not None and _client is not client:
        _client.close()
    _client = client
    _repositories.clear()
