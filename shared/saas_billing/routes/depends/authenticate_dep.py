"""The check of a request's credentials (auth_dep calls it directly) and what it needs to refresh a session,
and the device list, which the account page shows too.

Kept apart from auth_usecase_dep: every route behind sign-in makes this check, and sign-up and sign-in are
use cases only the auth function serves, so the other functions need not import them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.mixins.lazy import lazy
from saas_billing.infra.security.service.security_factory import get_token_codec
from saas_billing.routes.depends.auth_services_dep import device_session_repo, token_policy
from saas_billing.usecase.auth.refresh_rotation import RefreshRotation

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.usecase.auth.authenticate import Authenticate
    from saas_billing.usecase.auth.manage_devices import ManageDevices
    from saas_billing.usecase.auth.token_issuer import TokenIssuer


def build_token_issuer(settings: AppSettings) -> TokenIssuer:
    """Tokens carry the account's plan and features, read when they are issued: the readers are imported
    and built then, so a request that only checks a token does neither."""
    from saas_billing.routes.depends.token_grants_dep import token_grants
    from saas_billing.usecase.auth.token_issuer import TokenIssuer  # a visitor's request issues none

    grants = lazy(lambda: token_grants(settings))
    return TokenIssuer(get_token_codec(settings), token_policy(settings), grants)


def build_refresh_rotation(
    settings: AppSettings, sessions: DeviceSessionRepository | None = None
) -> RefreshRotation:
    sessions = sessions or device_session_repo(settings)
    return RefreshRotation(sessions, build_token_issuer(settings), token_policy(settings))


def build_authenticate(settings: AppSettings) -> Authenticate:
    from saas_billing.usecase.auth.authenticate import Authenticate  # a visitor's request checks none

    sessions = device_session_repo(settings)
    rotation = build_refresh_rotation(settings, sessions)
    return Authenticate(sessions, get_token_codec(settings), rotation, token_policy(settings), get_clock())


def build_manage_devices(settings: AppSettings) -> ManageDevices:
    from saas_billing.usecase.auth.manage_devices import ManageDevices  # device routes and the account page

    return ManageDevices(device_session_repo(settings), get_clock())
