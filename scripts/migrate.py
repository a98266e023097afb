"""`make migrate`: brings a database to the indexes declared in saas_billing/infra/db/indexes.py.

make migrate                              # make dev's database, or MONGODB_URI (env, .env)
make migrate FROM_SSM=1 STAGE=prod        # the stage's database, settings from /<app>/<stage>/ in SSM

Part of every deploy (README, Deploy). It creates what is missing, replaces an index whose keys or options
changed, and leaves undeclared indexes alone (listed). Running it again changes nothing, and it is safe
while functions serve: they never create indexes themselves. It waits for index builds however long they
take (its own client has no socket timeout), unlike a request, which gives up after seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from dataclasses import asdict

import pymongo
from pymongo.errors import PyMongoError

from saas_billing.infra.db.migrate import MigrationBlocked, migrate
from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.fastapi_config.logging_setup import configure_logging
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from scripts.deployed_settings import deployed_settings
from scripts.local_stage import local_stage


def migration_client(uri: str) -> pymongo.MongoClient:
    return pymongo.MongoClient(
        uri,
        tz_aware=True,
        appname="saas-billing-migrate",
        serverSelectionTimeoutMS=30_000,
        socketTimeoutMS=None,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ssm-path", help="read settings from this SSM path, e.g. /saas-billing/prod/")
    args = parser.parse_args(argv)
    with contextlib.ExitStack() as stack:
        try:
            settings: AppSettings
            if args.ssm_path:
                settings = deployed_settings(args.ssm_path)
            else:
                stack.enter_context(local_stage(migrate_database=False))
                settings = get_settings()
        except SettingsError as error:
            print(f"Refused: {error}", file=sys.stderr)
            return 2
        configure_logging(settings.log_level)
        client = stack.enter_context(migration_client(settings.mongo_connection_uri))
        print(
            f"Migrating {settings.mongodb_database} on {client.address or 'the configured cluster'}",
            file=sys.stderr,
        )
        try:
            report = migrate(client[settings.mongodb_database])
        except (MigrationBlocked, PyMongoError) as error:
            print(f"Migration stopped: {error}", file=sys.stderr)
            return 1
    print(json.dumps({"database": settings.mongodb_database, **asdict(report)}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
