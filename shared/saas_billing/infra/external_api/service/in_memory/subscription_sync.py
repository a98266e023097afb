"""Subscription reads of the in-memory gateway, from its subscriptions and its event log."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.subscription_sync_gateway import SubscriptionSyncGateway
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


class InMemorySubscriptionSync(SubscriptionSyncGateway):
    state: InMemoryStripeState

    def retrieve_subscription(self, subscription_id: str, *, observed_at: float) -> SubscriptionSnapshot:
        with self.state.lock:
            subscription = self.state.subscriptions.get(subscription_id)
            if subscription is None:
                raise NotFound(f"No such subscription: '{subscription_id}'")
            expanded = self._expanded(copy.deepcopy(subscription))
        return to_subscription_snapshot(expanded, observed_at)

    def list_subscription_changes_since(self, since: float) -> list[ChangedSubscription]:
        with self.state.lock:
            events = [
                copy.deepcopy(e)
                for e in self.state.events
                if e["type"].startswith("customer.subscription.") and e["created"] >= since
            ]
        # On use: reconciliation alone reads events, and their schemas are the stand-in's largest.
        from saas_billing.infra.external_api.service.stripe_event_shapes import subscription_changes

        return subscription_changes(events)

    def _expanded(self, subscription: dict[str, Any]) -> dict[str, Any]:
        """Like the Stripe retrieve with `expand: ["customer"]`, and prices given by id filled in."""
        customer = subscription.get("customer")
        if isinstance(customer, str) and customer in self.state.customers:
            subscription["customer"] = copy.deepcopy(self.state.customers[customer])
        for item in (subscription.get("items") or {}).get("data") or []:
            price = item.get("price")
            if isinstance(price, str) and price in self.state.prices:
                item["price"] = copy.deepcopy(self.state.prices[price])
        return subscription
