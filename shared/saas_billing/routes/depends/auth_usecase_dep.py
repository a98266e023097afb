"""The auth use cases at the edge: each a dependency without sub-dependencies (a node costs ~20 µs).

The `build_*` functions assemble a use case from per-container clients. The check of a request's
credentials, which every signed-in route makes, is assembled in authenticate_dep.py, without these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends

from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.security.service.security_factory import get_password_hasher
from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import (
    device_session_repo,
    login_failure_repo,
    throttle_policy,
    user_repo,
)
from saas_billing.routes.depends.authenticate_dep import (
    build_manage_devices,
    build_refresh_rotation,
    build_token_issuer,
)
from saas_billing.usecase.auth.login import Login
from saas_billing.usecase.auth.manage_devices import ManageDevices
from saas_billing.usecase.auth.refresh_rotation import RefreshRotation
from saas_billing.usecase.auth.register_user import RegisterUser
from saas_billing.usecase.auth.start_session import StartSession

if TYPE_CHECKING:
    from saas_billing.usecase.auth.login_throttle import LoginThrottle


def build_start_session(settings: AppSettings) -> StartSession:
    return StartSession(device_session_repo(settings), build_token_issuer(settings), get_clock())


async def refresh_rotation_dependency() -> RefreshRotation:
    return build_refresh_rotation(get_settings())


async def start_session_dependency() -> StartSession:
    """The store is built on use, like every repository: a JSON sign-up (no session) never builds it."""
    return build_start_session(get_settings())


def build_login_throttle(settings: AppSettings) -> LoginThrottle:
    """Imported on first use: every request carrying credentials imports this module, and only the
    password and mail routes throttle."""
    from saas_billing.usecase.auth.login_throttle import LoginThrottle

    return LoginThrottle(login_failure_repo(settings), throttle_policy(settings))


async def register_user_dependency() -> RegisterUser:
    settings = get_settings()
    return RegisterUser(
        user_repo(settings),
        get_password_hasher(settings),
        get_clock(),
        min_password_length=settings.password_min_length,
        throttle=build_login_throttle(settings),
    )


async def login_dependency() -> Login:
    settings = get_settings()
    throttle = build_login_throttle(settings)
    return Login(
        user_repo(settings),
        get_password_hasher(settings),
        throttle,
        build_start_session(settings),
        get_clock(),
    )


async def manage_devices_dependency() -> ManageDevices:
    return build_manage_devices(get_settings())


RefreshRotationDep = Annotated[RefreshRotation, Depends(refresh_rotation_dependency)]
StartSessionDep = Annotated[StartSession, Depends(start_session_dependency)]
RegisterUserDep = Annotated[RegisterUser, Depends(register_user_dependency)]
LoginDep = Annotated[Login, Depends(login_dependency)]
ManageDevicesDep = Annotated[ManageDevices, Depends(manage_devices_dependency)]
