"""The subscription and portal use cases at the edge, each one dependency node that builds its
collaborators directly; listing and reading never build the gateway."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.depends.catalog_dep import catalog_cache
from saas_billing.routes.depends.subscription_repo_dep import record_subscription, subscription_repository
from saas_billing.usecase.billing.cancel_subscription import CancelSubscription
from saas_billing.usecase.billing.change_plan import ChangePlan, ResumeSubscription
from saas_billing.usecase.billing.open_billing_portal import OpenBillingPortal
from saas_billing.usecase.billing.subscriptions import GetSubscription, ListSubscriptions
from saas_billing.usecase.catalog.list_catalog import ListCatalog


async def list_subscriptions_dependency() -> ListSubscriptions:
    return ListSubscriptions(subscription_repository(get_settings()))


async def get_subscription_dependency() -> GetSubscription:
    return GetSubscription(subscription_repository(get_settings()))


async def cancel_subscription_dependency() -> CancelSubscription:
    settings = get_settings()
    repository = subscription_repository(settings)
    return CancelSubscription(
        get_payment_gateway(settings), repository, record_subscription(repository), get_clock()
    )


async def resume_subscription_dependency() -> ResumeSubscription:
    settings = get_settings()
    repository = subscription_repository(settings)
    return ResumeSubscription(
        get_payment_gateway(settings), repository, record_subscription(repository), get_clock()
    )


async def change_plan_dependency() -> ChangePlan:
    settings = get_settings()
    repository = subscription_repository(settings)
    gateway = get_payment_gateway(settings)
    cached_catalog = ListCatalog(gateway, catalog_cache(settings.catalog_cache_ttl_seconds))
    return ChangePlan(
        gateway,
        repository,
        record_subscription(repository),
        get_clock(),
        catalog=gateway,
        cached_catalog=cached_catalog,
    )


async def open_billing_portal_dependency() -> OpenBillingPortal:
    settings = get_settings()
    # Subscriptions are read only to check a named customer, or to find the subscription's when the
    # account stored none; like every repository, that one is built on first use.
    subscriptions = subscription_repository(settings)
    return OpenBillingPortal(get_payment_gateway(settings), subscriptions, user_repo(settings))


ListSubscriptionsDep = Annotated[ListSubscriptions, Depends(list_subscriptions_dependency)]
GetSubscriptionDep = Annotated[GetSubscription, Depends(get_subscription_dependency)]
CancelSubscriptionDep = Annotated[CancelSubscription, Depends(cancel_subscription_dependency)]
OpenBillingPortalDep = Annotated[OpenBillingPortal, Depends(open_billing_portal_dependency)]
ResumeSubscriptionDep = Annotated[ResumeSubscription, Depends(resume_subscription_dependency)]
ChangePlanDep = Annotated[ChangePlan, Depends(change_plan_dependency)]
