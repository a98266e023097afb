"""Makes an account an administrator: the only way an admin comes to exist (no endpoint can).

make create-admin EMAIL=ops@example.com               # settings from the environment / .env
make create-admin EMAIL=ops@example.com FROM_SSM=1    # settings from /<app>/<stage>/ in SSM

An existing account is promoted and keeps its password. Otherwise the account is created as an
admin, with the password from ADMIN_PASSWORD or, when that is unset, typed at a prompt (twice).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable

from pydantic import EmailStr, TypeAdapter, ValidationError

from saas_billing.domain.schemas.auth.user import User
from saas_billing.infra.exception.errors import AppError
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings, load_settings
from saas_billing.routes.startup.local_admin import build_create_admin

PASSWORD_ENV = "ADMIN_PASSWORD"


def create_admin(
    email: str, ask_password: Callable[[], str], settings: AppSettings | None = None
) -> tuple[User, bool]:
    """The admin account and whether it was created (False: an existing account was promoted)."""
    return build_create_admin(settings or get_settings()).execute(email, ask_password)


def prompt_password() -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    password = getpass.getpass("Password for the new admin account: ")
    if password != getpass.getpass("Same password again: "):
        raise SystemExit("The passwords differ; nothing was created.")
    return password


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("email")
    parser.add_argument("--ssm-path", help="read settings from this SSM path, e.g. /saas-billing/dev/")
    args = parser.parse_args(argv)
    try:
        email = TypeAdapter(EmailStr).validate_python(args.email)
    except ValidationError:
        print(f"Not a valid email address: {args.email!r}", file=sys.stderr)
        return 2
    settings = load_settings(args.ssm_path) if args.ssm_path else get_settings()
    if not settings.mongo_connection_uri:
        print(
            "No MongoDB configured (MONGODB_URI): an admin in the in-memory database would vanish. "
            "For `make dev` offline, set DEV_ADMIN_EMAIL and DEV_ADMIN_PASSWORD instead.",
            file=sys.stderr,
        )
        return 2
    try:
        user, created = create_admin(email, prompt_password, settings)
    except AppError as error:
        print(f"Refused: {error.detail}", file=sys.stderr)
        return 1
    print(f"{'Created' if created else 'Promoted'} {user.email} as admin (id {user.id}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
