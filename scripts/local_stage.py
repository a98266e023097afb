"""What `make dev` and the local tooling (create-admin, reconcile, migrate) share when nothing is configured:
a MongoDB server that keeps its data in `.local/mongo`, and the access tokens' signing key kept in
`.local/jwt_signing_key.pem`, so restarting `make dev` keeps every account and signs no one out. No
MongoDB install, no AWS.

One server serves every local process: the first to need it starts it and records its address; the others
find it there (it stops with the process that started it). That database is brought to the declared
indexes on every start, as a deploy would; a database named in MONGODB_URI only gets what it lacks.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from scripts.local_mongo import LocalMongo
from scripts.template_model import ROOT

DATA_DIR_ENV = "DEV_DATA_DIR"
logger = logging.getLogger(__name__)


def local_dir() -> Path:
    """`.local/` (git-ignored); DEV_DATA_DIR moves it, as the tests do."""
    return Path(os.environ.get(DATA_DIR_ENV) or ROOT / ".local")


def _write_new(path: Path, text: str, mode: int = 0o600, replace: bool = False) -> None:
    """Whole or not at all: another process never reads a half-written file. Without `replace`, the first
    writer wins (FileExistsError for the others)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w") as out:
            out.write(text)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def persistent_signing_key() -> str:
    """The access tokens' signing key, generated once; readable by the owner only."""
    from saas_billing.infra.security.service.signing_keys import generate_signing_key_pem

    key_file = local_dir() / "jwt_signing_key.pem"
    with contextlib.suppress(FileExistsError):
        if not key_file.is_file():
            _write_new(key_file, generate_signing_key_pem())
    return key_file.read_text()


def _running_server() -> str | None:
    """The address another local process recorded, if that process lives and its server answers."""
    try:
        record = json.loads((local_dir() / "mongo.json").read_text())
        os.kill(int(record["pid"]), 0)
        uri = record["uri"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    import pymongo

    with pymongo.MongoClient(uri, serverSelectionTimeoutMS=500) as client:
        try:
            client.admin.command("ping")
        except pymongo.errors.PyMongoError:
            return None
    return uri


@contextlib.contextmanager
def dev_mongo() -> Iterator[str]:
    """The local server's URI: the running one, or one started (and stopped) here."""
    uri = _running_server()
    if uri:
        yield uri
        return
    try:
        server = LocalMongo(local_dir() / "mongo").start()
    except RuntimeError:
        uri = _running_server()  # another local process started it at the same moment
        if uri is None:
            raise
        yield uri
        return
    try:
        with _recorded(server):
            yield server.uri
    finally:
        server.stop()


@contextlib.contextmanager
def _recorded(server: LocalMongo) -> Iterator[None]:
    """Tells the other local processes where the server is, while it runs."""
    server_file = local_dir() / "mongo.json"
    host = "127.0.0.1" if server.host == "0.0.0.0" else server.host
    address = LocalMongo(port=server.port, host=host).uri
    _write_new(server_file, json.dumps({"uri": address, "pid": os.getpid()}), replace=True)
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
        if not settings.jwt_signing_keys:
            added["JWT_SIGNING_KEYS"] = persistent_signing_key()
        own_database = not settings.mongo_connection_uri
        if own_database:
            added["MONGODB_URI"] = stack.enter_context(dev_mongo())
        stack.enter_context(_environment(added))
        stack.callback(reset_settings)
        reset_settings()
        if migrate_database:
            # A database someone else named may be shared with a deployed stage: add, never replace.
            migrate(get_database(get_settings()), replace=own_database)
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
    (which runs functions in Docker: bind 0.0.0.0 and use host.docker.internal). Stop `make dev` first."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=27017)
    args = parser.parse_args(argv)
    running = _running_server()
    if running:
        print(f"make dev's MongoDB server is already running ({running}): stop make dev first")
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
