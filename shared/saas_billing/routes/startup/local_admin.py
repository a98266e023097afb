"""An admin for `make dev`, made when the app starts: the local stage only, never a deployed one.

`make dev` keeps its data in an embedded mongomock that lives inside the dev server's process, so
`make create-admin` (another process) cannot reach it. With DEV_ADMIN_EMAIL and DEV_ADMIN_PASSWORD
set, the auth router's startup creates that account as admin (or promotes it if it exists). Lambda
runs no startup (Mangum's lifespan is off), and a deployed stage ignores the variables with a warning.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from saas_billing.domain.schemas.auth.user import User
from saas_billing.infra.db.mongo_client import get_database
from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.security.service.security_factory import get_password_hasher
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from saas_billing.usecase.auth.accounts import CreateAdmin
from saas_billing.usecase.auth.register_user import RegisterUser

logger = logging.getLogger(__name__)


def build_create_admin(settings: AppSettings) -> CreateAdmin:
    """CreateAdmin on the configured database; the admin CLI uses it too. Imports pymongo only when
    called, since every Lambda cold start of the auth function imports this module."""
    from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
    from saas_billing.repo.mongodb.user_repo import MongoUserRepository

    database = get_database(settings)
    users = MongoUserRepository(database)
    register = RegisterUser(
        users, get_password_hasher(settings), get_clock(), min_password_length=settings.password_min_length
    )
    return CreateAdmin(users, MongoDeviceSessionRepository(database), register)


def seed_local_admin(settings: AppSettings) -> User | None:
    """The seeded admin, or None when not asked for or not in the local stage."""
    if not settings.dev_admin_email:
        return None
    if not settings.is_local:
        logger.warning("DEV_ADMIN_EMAIL is ignored outside the local stage; use make create-admin")
        return None
    if not settings.dev_admin_password:
        raise SettingsError("DEV_ADMIN_EMAIL is set without DEV_ADMIN_PASSWORD")
    password = settings.dev_admin_password.get_secret_value()
    user, created = build_create_admin(settings).execute(settings.dev_admin_email, lambda: password)
    logger.info("local admin %s: %s", "created" if created else "promoted", user.email)
    return user


@asynccontextmanager
async def local_admin_lifespan(_app: Any) -> AsyncIterator[None]:
    seed_local_admin(get_settings())
    yield
