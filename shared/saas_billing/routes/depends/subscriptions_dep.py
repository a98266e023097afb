"""The subscription and portal use cases at the edge; listing and reading never build the gateway."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.mixins.clock import get_clock
from saas_billing.routes.depends.auth_services_dep import UserRepoDep
from saas_billing.routes.depends.gateway_dep import GatewayDep
from saas_billing.routes.depends.subscription_repo_dep import RecordSubscriptionDep, SubscriptionRepositoryDep
from saas_billing.usecase.billing.cancel_subscription import CancelSubscription
from saas_billing.usecase.billing.open_billing_portal import OpenBillingPortal
from saas_billing.usecase.billing.subscriptions import GetSubscription, ListSubscriptions


async def list_subscriptions_dependency(repository: SubscriptionRepositoryDep) -> ListSubscriptions:
    return ListSubscriptions(repository)


async def get_subscription_dependency(repository: SubscriptionRepositoryDep) -> GetSubscription:
    return GetSubscription(repository)


async def cancel_subscription_dependency(
    gateway: GatewayDep, repository: SubscriptionRepositoryDep, record: RecordSubscriptionDep
) -> CancelSubscription:
    return CancelSubscription(gateway, repository, record, get_clock())


async def open_billing_portal_dependency(
    gateway: GatewayDep, repository: SubscriptionRepositoryDep, users: UserRepoDep
) -> OpenBillingPortal:
    return OpenBillingPortal(gateway, repository, users)


ListSubscriptionsDep = Annotated[ListSubscriptions, Depends(list_subscriptions_dependency)]
GetSubscriptionDep = Annotated[GetSubscription, Depends(get_subscription_dependency)]
CancelSubscriptionDep = Annotated[CancelSubscription, Depends(cancel_subscription_dependency)]
OpenBillingPortalDep = Annotated[OpenBillingPortal, Depends(open_billing_portal_dependency)]
