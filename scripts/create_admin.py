"""Makes an administrator: the only way an admin comes to exist (no endpoint can).

make create-admin EMAIL=ops@example.com               # make dev's database, or MONGODB_URI (env, .env)
make create-admin EMAIL=ops@example.com FROM_SSM=1    # settings from /<app>/<stage>/ in SSM
make create-admin EMAIL=ops@example.com PROMOTE_EXISTING=1   # --promote-existing

A new account is created as an admin, with the password from ADMIN_PASSWORD or, when that is unset,
typed at a prompt (twice). Sign-up is public, so an account that already holds the email may be
anyone's: it is refused unless --promote-existing is given, and even then its created date,
verification state and device count are printed, an unverified one is refused, and every session it
has is revoked.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Callable

from saas_billing.domain.email_address import InvalidEmail, normalize_email
from saas_billing.domain.errors import DomainError
from saas_billing.domain.schemas.auth.user import User
from saas_billing.infra.db.mongo_client import get_database
from saas_billing.infra.exception.errors import AppError, SettingsError
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.security.service.security_factory import get_password_hasher
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from saas_billing.repo.mongodb.account_token_repo import MongoAccountTokenRepository
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from saas_billing.usecase.auth.account_tokens import AccountTokens
from saas_billing.usecase.auth.accounts import AccountSummary, CreateAdmin, GrantAdmin
from saas_billing.usecase.auth.register_user import RegisterUser
from scripts.deployed_settings import deployed_settings
from scripts.local_stage import local_stage

PASSWORD_ENV = "ADMIN_PASSWORD"


def build_create_admin(settings: AppSettings) -> CreateAdmin:
    database = get_database(settings)
    users = MongoUserRepository(database)
    register = RegisterUser(
        users, get_password_hasher(settings), get_clock(), min_password_length=settings.password_min_length
    )
    tokens = AccountTokens(MongoAccountTokenRepository(database), get_clock())
    grant = GrantAdmin(users, MongoDeviceSessionRepository(database), tokens, get_clock())
    return CreateAdmin(users, register, grant)


def create_admin(
    email: str,
    ask_password: Callable[[], str],
    settings: AppSettings | None = None,
    *,
    promote_existing: bool = False,
) -> tuple[User, bool]:
    """The admin account and whether it was created (False: an existing account was promoted)."""
    return build_create_admin(settings or get_settings()).execute(
        email, ask_password, promote_existing=promote_existing, show=show_summary
    )


def show_summary(summary: AccountSummary) -> None:
    user = summary.user
    print(
        f"{user.email} already has an account: created {user.created_at:%Y-%m-%d %H:%M} UTC, "
        f"email {'verified' if user.email_verified else 'NOT verified'}, role {user.role}, "
        f"{summary.device_count} signed-in device(s)."
    )


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
    parser.add_argument(
        "--promote-existing",
        action="store_true",
        help="promote an account that already exists (verified email only; its sessions are revoked)",
    )
    args = parser.parse_args(argv)
    try:
        email = normalize_email(args.email)  # the form sign-up stores and sign-in looks up
    except InvalidEmail as error:
        print(f"Not a valid email address: {args.email!r} ({error.detail})", file=sys.stderr)
        return 2
    with contextlib.ExitStack() as stack:
        try:
            if args.ssm_path:
                settings = deployed_settings(args.ssm_path)
            else:  # the local stage: make dev's own database unless MONGODB_URI names another
                stack.enter_context(local_stage())
                settings = get_settings()
        except SettingsError as error:
            print(f"Refused: {error}", file=sys.stderr)
            return 2
        try:
            user, created = create_admin(
                email, prompt_password, settings, promote_existing=args.promote_existing
            )
        except (AppError, DomainError) as error:
            print(f"Refused: {error.detail}", file=sys.stderr)
            return 1
    done = "Created" if created else "Promoted (every session of the account was signed out)"
    print(f"{done} {user.email} as admin (id {user.id}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
