"""The checkout use cases at the edge."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.mixins.clock import get_clock
from saas_billing.routes.depends.auth_services_dep import UserRepoDep
from saas_billing.routes.depends.gateway_dep import GatewayDep
from saas_billing.routes.depends.subscription_repo_dep import RecordSubscriptionDep, SubscriptionRepositoryDep
from saas_billing.usecase.billing.billing_customer import EnsureBillingCustomer
from saas_billing.usecase.billing.confirm_checkout import ConfirmCheckout
from saas_billing.usecase.billing.create_checkout_session import CreateCheckoutSession


async def create_checkout_session_dependency(
    gateway: GatewayDep, users: UserRepoDep
) -> CreateCheckoutSession:
    return CreateCheckoutSession(gateway, gateway, get_clock(), EnsureBillingCustomer(users, gateway))


async def confirm_checkout_dependency(
    gateway: GatewayDep, repository: SubscriptionRepositoryDep, record: RecordSubscriptionDep
) -> ConfirmCheckout:
    return ConfirmCheckout(gateway, repository, record, get_clock())


CreateCheckoutSessionDep = Annotated[CreateCheckoutSession, Depends(create_checkout_session_dependency)]
ConfirmCheckoutDep = Annotated[ConfirmCheckout, Depends(confirm_checkout_dependency)]
