"""What `make dev` and the local tooling (create-admin, reconcile, migrate) share when nothing is configured:
a MongoDB server that keeps its data in `.local/mongo`, and a JWT secret kept in `.local/jwt_secret`,
so restarting `make dev` keeps every account and signs no one out. No MongoDB install, no AWS.

One server serves every local process: the first to need it starts it and records its address; the others
find it there. The database is brought to the declared indexes on every start, as a deploy would.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from scripts.local_mongo import LocalMongo
from scripts.template_model import ROOT

DATA_DIR_ENV = "DEV_DATA_DIR"
logger = logging.getLogger(__name__)


def local_dir() -> Path:
    """`.local/` (git-ignored); DEV_DATA_DIR moves it, as the tests do."""
    return Path(os.environ.get(DATA_DIR_ENV) or ROOT / ".local")


def persistent_jwt_secret() -> str:
    """Generated once; readable by the owner only."""
    secret_file = local_dir() / "jwt_secret"
    if not secret_file.is_file():
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        with os.fdopen(os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_urlsafe(48))
    return secret_file.read_text().strip()


def _running_server() -> str | None:
    """The address another local process recorded, if its server still answers."""
    try:
        uri = json.loads((local_dir() / "mongo.json").read_text())["uri"]
    except (OSError, ValueError, KeyError):
        return None
    import pymongo

    client = pymongo.MongoClient(uri, serverSelectionTimeoutMS=500)
    try:
        client.admin.command("ping")
    except pymongo.errors.PyMongoError:
        return None
    finally:
        client.close()
    return uri


@contextlib.contextmanager
def dev_mongo() -> Iterator[str]:
    """The local server's URI: the running one, or one started (and stopped) here."""
    uri = _running_server()
    if uri:
        yield uri
        return
    with LocalMongo(local_dir() / "mongo") as server, _recorded(server):
        yield server.uri


@contextlib.contextmanager
def _recorded(server: LocalMongo) -> Iterator[None]:
    """Tells the other local processes where the server is, while it runs."""
    server_file = local_dir() / "mongo.json"
    host = "127.0.0.1" if server.host == "0.0.0.0" else server.host
    server_file.write_text(
        json.dumps({"uri": LocalMongo(port=server.port, host=host).uri, "pid": os.getpid()})
    )
    logger.info("local MongoDB server on %s:%s, data in %s", server.host, server.port, server.storage)
    try:
        yield
    finally:
        server_file.unlink(missing_ok=True)


@contextlib.contextmanager
def local_stage(migrate_database: bool = True) -> Iterator[None]:
    """Fills in what the local stage lacks (env, then .env, win), then migrates its database."""
    from saas_billing.infra.db.migrate import migrate
    from saas_billing.infra.db.mongo_client import get_database
    from saas_billing.infra.settings.loader import get_settings, reset_settings

    settings = get_settings()
    if not settings.is_local:
        yield
        return
    with contextlib.ExitStack() as stack:
        added = {}
        if not settings.jwt_secret:
            added["JWT_SECRET"] = persistent_jwt_secret()
        if not settings.mongo_connection_uri:
            added["MONGODB_URI"] = stack.enter_context(dev_mongo())
        stack.enter_context(_environment(added))
        stack.callback(reset_settings)
        reset_settings()
        if migrate_database:
            migrate(get_database(get_settings()))
        yield


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Sets variables for the block, then puts back what was there."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def main(argv: list[str] | None = None) -> int:
    """`make mongo`: make dev's database in the foreground on a port you choose, e.g. for `sam local invoke`
    (which runs functions in Docker: bind 0.0.0.0 and use host.docker.internal)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=27017)
    args = parser.parse_args(argv)
    running = _running_server()
    if running:
        print(f"make dev's MongoDB server is already running: {running}")
        return 1
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the server and forget its address
    with LocalMongo(local_dir() / "mongo", port=args.port, host=args.host) as server, _recorded(server):
        print(f"MongoDB server on {server.uri}; Ctrl-C stops it")
        with contextlib.suppress(KeyboardInterrupt):
            server.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
