"""The check of a request's credentials (auth_dep calls it directly) and what it needs to refresh a session.

Kept apart from auth_usecase_dep: every route behind sign-in makes this check, and sign-up, sign-in and the
device list are use cases only the auth function serves, so the other functions need not import them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.security.service.security_factory import get_token_codec
from saas_billing.routes.depends.auth_services_dep import device_session_repo, token_policy
from saas_billing.usecase.auth.refresh_rotation import RefreshRotation

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.tokens import Grants
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.device_session_repo import DeviceSessionRepository
    from saas_billing.usecase.auth.authenticate import Authenticate
    from saas_billing.usecase.auth.token_issuer import TokenIssuer
    from saas_billing.usecase.entitlements.token_grants import TokenGrants


def build_token_issuer(settings: AppSettings) -> TokenIssuer:
    """Tokens carry the account's plan and features, read when they are issued: the readers are imported
    and built then, so a request that only checks a token does neither."""
    from saas_billing.usecase.auth.token_issuer import TokenIssuer  # a visitor's request issues none

    return TokenIssuer(get_token_codec(settings), token_policy(settings), _LazyGrants(settings))


class _LazyGrants:
    """TokenGrants, imported and built on first use."""

    def __init__(self, settings: AppSettings) -> None:
        self._settings = settings

    def __call__(self, account_id: str) -> Grants:
        return self._token_grants()(account_id)

    def revision(self, account_id: str) -> int:
        return self._token_grants().revision(account_id)

    def _token_grants(self) -> TokenGrants:
        from saas_billing.routes.depends.token_grants_dep import token_grants

        return token_grants(self._settings)


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
