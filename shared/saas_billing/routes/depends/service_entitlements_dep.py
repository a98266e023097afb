"""The service entitlements route's use case at the edge, with the stored entitlements it reads.

The stored entitlements are the sync's MongoDB repository (entitlement_dep.py); tests override
`entitlement_repository_dependency` with the in-memory fake. pymongo is imported on first use only.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.settings.loader import get_settings
from saas_billing.repo.interface.entitlement_repository import EntitlementRepository
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.depends.entitlement_dep import entitlement_repository, get_entitlements
from saas_billing.usecase.api_keys.service_entitlements import ServiceEntitlements


async def entitlement_repository_dependency() -> EntitlementRepository:
    return entitlement_repository(get_settings())


async def service_entitlements_dependency(
    entitlements: Annotated[EntitlementRepository, Depends(entitlement_repository_dependency)],
) -> ServiceEntitlements:
    settings = get_settings()
    return ServiceEntitlements(user_repo(settings), get_entitlements(settings, entitlements))


ServiceEntitlementsDep = Annotated[ServiceEntitlements, Depends(service_entitlements_dependency)]
