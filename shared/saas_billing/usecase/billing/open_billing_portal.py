"""A Stripe customer portal session, where customers manage payment methods, invoices and plans."""

from __future__ import annotations

from saas_billing.domain.errors import CustomerNotFound
from saas_billing.domain.ids import require_id
from saas_billing.domain.schemas.billing.checkout import PortalSession
from saas_billing.infra.external_api.interface.portal_gateway import PortalGateway
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter, SubscriptionRepository


class OpenBillingPortal:
    def __init__(self, gateway: PortalGateway, repository: SubscriptionRepository) -> None:
        self._gateway = gateway
        self._repository = repository

    def execute(self, customer_id: str, return_url: str, account_id: str | None = None) -> PortalSession:
        """With an `account_id`, the customer must be one of that owner's (seam for accounts)."""
        require_id(customer_id, "customer")
        if account_id is not None:
            owned = self._repository.list(
                SubscriptionFilter(customer_id=customer_id, account_id=account_id), limit=1
            )
            if not owned.items:
                raise CustomerNotFound(f"No such customer: '{customer_id}'")
        return self._gateway.create_portal_session(customer_id, return_url)
