"""The entitlement side of tokens at the edge: what the token issuer reads, and what RecordEntitlements
calls when an account's entitlements change. Plain builders (no FastAPI nodes), like auth_services_dep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.routes.depends.auth_services_dep import device_session_repo
from saas_billing.routes.depends.entitlement_dep import get_entitlements
from saas_billing.usecase.entitlements.refresh_sessions_on_change import RefreshSessionsOnChange
from saas_billing.usecase.entitlements.token_grants import TokenGrants

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings


def token_grants(settings: AppSettings) -> TokenGrants:
    """Reads the account's plan and features when tokens are issued (sign-in, refresh), never per request."""
    return TokenGrants(get_entitlements(settings))


def refresh_sessions_on_change(settings: AppSettings) -> RefreshSessionsOnChange:
    """The collaborator RecordEntitlements calls as `on_change(account_id)` when the features changed."""
    return RefreshSessionsOnChange(device_session_repo(settings))
