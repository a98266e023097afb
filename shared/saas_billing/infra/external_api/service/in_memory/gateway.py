"""A stateful stand-in for Stripe: tests and the offline `make dev` use it; deployed stages never do."""

from __future__ import annotations

from saas_billing.infra.external_api.interface.payment_gateway import PaymentGateway
from saas_billing.infra.external_api.service.in_memory.catalog import InMemoryCatalog
from saas_billing.infra.external_api.service.in_memory.checkout import InMemoryCheckout
from saas_billing.infra.external_api.service.in_memory.customers import InMemoryCustomers
from saas_billing.infra.external_api.service.in_memory.entitlements import InMemoryEntitlements
from saas_billing.infra.external_api.service.in_memory.invoices import InMemoryInvoices
from saas_billing.infra.external_api.service.in_memory.portal import InMemoryPortal
from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState
from saas_billing.infra.external_api.service.in_memory.subscription_sync import InMemorySubscriptionSync
from saas_billing.infra.external_api.service.in_memory.subscriptions import InMemorySubscriptions


class InMemoryGateway(
    InMemoryCatalog,
    InMemoryCustomers,
    InMemoryCheckout,
    InMemorySubscriptions,
    InMemoryPortal,
    InMemorySubscriptionSync,
    InMemoryInvoices,
    InMemoryEntitlements,
    PaymentGateway,
):
    def __init__(self, state: InMemoryStripeState | None = None) -> None:
        self.state = state or InMemoryStripeState.with_demo_catalog()
