"""The checkout use cases at the edge, each one dependency node that builds its collaborators directly."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.depends.subscription_repo_dep import record_subscription, subscription_repository
from saas_billing.usecase.billing.billing_customer import EnsureBillingCustomer
from saas_billing.usecase.billing.confirm_checkout import ConfirmCheckout
from saas_billing.usecase.billing.create_checkout_session import CreateCheckoutSession


async def create_checkout_session_dependency() -> CreateCheckoutSession:
    settings = get_settings()
    gateway = get_payment_gateway(settings)
    return CreateCheckoutSession(
        gateway, gateway, get_clock(), EnsureBillingCustomer(user_repo(settings), gateway)
    )


async def confirm_checkout_dependency() -> ConfirmCheckout:
    settings = get_settings()
    repository = subscription_repository(settings)
    return ConfirmCheckout(
        get_payment_gateway(settings), repository, record_subscription(repository), get_clock()
    )


CreateCheckoutSessionDep = Annotated[CreateCheckoutSession, Depends(create_checkout_session_dependency)]
ConfirmCheckoutDep = Annotated[ConfirmCheckout, Depends(confirm_checkout_dependency)]
