"""The stored entitlements and `GetEntitlements` at the edge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends

from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.subscription_repo_dep import subscription_repository
from saas_billing.usecase.billing.current_subscription import CurrentSubscription
from saas_billing.usecase.entitlements.get_entitlements import GetEntitlements

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.entitlement_repository import EntitlementRepository


def entitlement_repository(settings: AppSettings) -> EntitlementRepository:
    return get_repository("entitlement_repository:MongoEntitlementRepository", settings)


def get_entitlements(
    settings: AppSettings, entitlements: EntitlementRepository | None = None
) -> GetEntitlements:
    """MongoDB only: the features as webhooks and reconciliation stored them, never a Stripe call."""
    current = CurrentSubscription(subscription_repository(settings))
    return GetEntitlements(entitlements or entitlement_repository(settings), current)


async def get_entitlements_dependency() -> GetEntitlements:
    return get_entitlements(get_settings())


GetEntitlementsDep = Annotated[GetEntitlements, Depends(get_entitlements_dependency)]
