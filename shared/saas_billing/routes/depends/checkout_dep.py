"""The checkout use cases at the edge, each one dependency node that builds its collaborators directly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends

from saas_billing.infra.db.mongo_client import get_repository
from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.depends.catalog_dep import catalog_cache
from saas_billing.routes.depends.subscription_repo_dep import record_subscription, subscription_repository
from saas_billing.usecase.billing.confirm_checkout import ConfirmCheckout
from saas_billing.usecase.billing.create_checkout_session import CreateCheckoutSession
from saas_billing.usecase.catalog.list_catalog import ListCatalog

if TYPE_CHECKING:
    from saas_billing.infra.settings.app_settings import AppSettings
    from saas_billing.repo.interface.checkout_reservation_repository import CheckoutReservationRepository
    from saas_billing.repo.interface.checkout_session_repository import CheckoutSessionRepository


def checkout_session_repository(settings: AppSettings) -> CheckoutSessionRepository:
    return get_repository("checkout_session_repository:MongoCheckoutSessionRepository", settings)


def checkout_reservation_repository(settings: AppSettings) -> CheckoutReservationRepository:
    return get_repository("checkout_reservation_repository:MongoCheckoutReservationRepository", settings)


async def create_checkout_session_dependency() -> CreateCheckoutSession:
    # Imported when a checkout is asked for: the pages sharing this function never build one.
    from saas_billing.usecase.billing.billing_customer import EnsureBillingCustomer
    from saas_billing.usecase.billing.one_subscription import OneSubscriptionPerAccount

    settings = get_settings()
    gateway = get_payment_gateway(settings)
    return CreateCheckoutSession(
        gateway,
        gateway,
        get_clock(),
        EnsureBillingCustomer(user_repo(settings), gateway),
        sessions=checkout_session_repository(settings),
        cached_catalog=ListCatalog(gateway, catalog_cache(settings.catalog_cache_ttl_seconds)),
        guard=OneSubscriptionPerAccount(
            subscription_repository(settings), checkout_reservation_repository(settings), gateway
        ),
    )


async def confirm_checkout_dependency() -> ConfirmCheckout:
    settings = get_settings()
    return ConfirmCheckout(
        get_payment_gateway(settings),
        record_subscription(subscription_repository(settings)),
        get_clock(),
        checkout_session_repository(settings),
    )


CreateCheckoutSessionDep = Annotated[CreateCheckoutSession, Depends(create_checkout_session_dependency)]
ConfirmCheckoutDep = Annotated[ConfirmCheckout, Depends(confirm_checkout_dependency)]
