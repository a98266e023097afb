"""The entitlement side of tokens at the edge: what the token issuer reads, and what RecordEntitlements
calls when an account's entitlements change. Plain builders (no FastAPI nodes), like auth_services_dep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.repo.interface.entitlement_repository import EntitlementRepository
from saas_billing.routes.depends.auth_services_dep import device_session_repo
from saas_billing.routes.depends.subscription_repo_dep import subscription_repository
from saas_billing.usecase.billing.current_subscription import CurrentSubscription
from saas_billing.usecase.entitlements.get_entitlements import GetEntitlements
from saas_billing.usecase.entitlements.refresh_sessions_on_change import RefreshSessionsOnChange
from saas_billing.usecase.entitlements.token_grants import TokenGrants

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings

MONGO_ENTITLEMENTS_MODULE = "saas_billing.repo.mongodb.entitlement_repository"


def entitlement_repository(settings: AppSettings) -> EntitlementRepository:
    """The stored entitlements (MongoEntitlementRepository, imported on first use). Tests replace this
    function with one returning the in-memory fake."""
    from importlib import import_module

    try:
        module = import_module(MONGO_ENTITLEMENTS_MODULE)
    except ModuleNotFoundError as error:  # merge: remove once the entitlements sync is in the tree
        if error.name != MONGO_ENTITLEMENTS_MODULE:
            raise
        return _NoEntitlementsYet()
    return get_repository(module.MongoEntitlementRepository, settings)


def token_grants(settings: AppSettings) -> TokenGrants:
    """Reads the account's plan and features when tokens are issued (sign-in, refresh), never per request."""
    current = CurrentSubscription(subscription_repository(settings))
    return TokenGrants(GetEntitlements(entitlement_repository(settings), current))


def refresh_sessions_on_change(settings: AppSettings) -> RefreshSessionsOnChange:
    """The collaborator RecordEntitlements calls as `on_change(account_id)` when the features changed."""
    return RefreshSessionsOnChange(device_session_repo(settings))


class _NoEntitlementsYet(EntitlementRepository):
    """Until the entitlements sync is merged: every account has no features (plan still comes from its
    subscription). Delete at the merge, with the fallback above."""

    def apply(self, snapshot, now):
        raise NotImplementedError("the entitlements sync is not in this tree")

    def for_account(self, account_id: str) -> None:
        return None

    def for_customer(self, customer_id: str) -> None:
        return None
