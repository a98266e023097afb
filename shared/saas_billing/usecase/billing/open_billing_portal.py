"""A Stripe customer portal session, where customers manage payment methods, invoices and plans.

A user opens it for their own customer only: the one stored on their account, or one of their saved
subscriptions' (a subscription linked before the account had a stored customer). Anyone else's
customer id is answered like an unknown one (404). An admin may open it for any customer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import UserNotFound
from saas_billing.domain.errors import CustomerNotFound
from saas_billing.domain.ids import require_id
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter, SubscriptionRepository
from saas_billing.usecase.billing.current_subscription import CurrentSubscription

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import PortalSession
    from saas_billing.infra.external_api.interface.portal_gateway import PortalGateway
    from saas_billing.repo.interface.user_repo import UserRepository


class OpenBillingPortal:
    def __init__(
        self, gateway: PortalGateway, repository: SubscriptionRepository, users: UserRepository
    ) -> None:
        self._gateway = gateway
        self._repository = repository
        self._users = users

    def execute(
        self, account_id: str, return_url: str, customer_id: str | None = None, *, unrestricted: bool = False
    ) -> PortalSession:
        """Without `customer_id`, the account's own customer (stored, else its current subscription's);
        `unrestricted` (admins) skips the owner check."""
        if customer_id is None:
            customer_id = self._own_customer(account_id)
        else:
            require_id(customer_id, "customer")
            if not unrestricted and not self._owns(account_id, customer_id):
                raise CustomerNotFound(f"No such customer: '{customer_id}'")
        return self._gateway.create_portal_session(customer_id, return_url)

    def _own_customer(self, account_id: str) -> str:
        user = self._users.get(account_id)
        if user is None:
            raise UserNotFound()
        if user.stripe_customer_id:
            return user.stripe_customer_id
        # A subscription linked before the account stored a customer: its customer is the account's too.
        current = CurrentSubscription(self._repository).execute(account_id)
        if current is None:
            raise CustomerNotFound("This account has no billing history yet; subscribe to a plan first")
        return current.customer_id

    def _owns(self, account_id: str, customer_id: str) -> bool:
        user = self._users.get(account_id)
        if user is not None and user.stripe_customer_id == customer_id:
            return True
        owned = self._repository.list(
            SubscriptionFilter(customer_id=customer_id, account_id=account_id), limit=1
        )
        return bool(owned.items)
