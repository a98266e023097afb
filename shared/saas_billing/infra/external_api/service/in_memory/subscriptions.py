"""Subscription part of the in-memory gateway, with Stripe's shapes and events."""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
from saas_billing.infra.external_api.service.billing_shapes import with_customer
from saas_billing.infra.external_api.service.in_memory.subscription_update import (
    InMemorySubscriptionUpdate,
    period_end,
)
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


def add_subscription(
    state: InMemoryStripeState,
    customer_id: str,
    price: dict[str, Any],
    metadata: dict[str, str],
    trial_days: int | None = None,
) -> dict[str, Any]:
    """An active subscription for one price (trialing with `trial_days`); callers hold the lock."""
    now = int(time.time())
    recurring = price.get("recurring") or {}
    trial_end = now + trial_days * 86400 if trial_days else None
    subscription = {
        "id": state.new_id("sub"),
        "object": "subscription",
        "customer": customer_id,
        "status": "trialing" if trial_end else "active",
        "cancel_at_period_end": False,
        "cancel_at": None,
        "trial_start": now if trial_end else None,
        "trial_end": trial_end,
        "canceled_at": None,
        "ended_at": None,
        "created": now,
        "start_date": now,
        "livemode": False,
        "metadata": dict(metadata),
        "items": {
            "object": "list",
            "data": [
                {
                    "id": state.new_id("si"),
                    "object": "subscription_item",
                    "price": copy.deepcopy(price),
                    "quantity": 1,
                    "current_period_start": now,
                    # A trial is the first period, as at Stripe.
                    "current_period_end": trial_end
                    or period_end(now, recurring.get("interval"), recurring.get("interval_count") or 1),
                }
            ],
        },
    }
    state.subscriptions[subscription["id"]] = subscription
    state.record_event("customer.subscription.created", subscription)
    return subscription


class InMemorySubscriptions(InMemorySubscriptionUpdate, SubscriptionGateway):
    state: InMemoryStripeState

    def _answer(self, subscription: dict[str, Any], observed_at: float) -> SubscriptionSnapshot:
        snapshot = to_subscription_snapshot(copy.deepcopy(subscription), observed_at)
        return with_customer(snapshot, self.state.customers.get(subscription["customer"]))

    def change_subscription_price(
        self, subscription_id: str, price_id: str, idempotency_key: str, observed_at: float
    ) -> SubscriptionSnapshot:
        with self.state.lock:
            item_id = self._live(subscription_id)["items"]["data"][0]["id"]
            params = {
                "items": [{"id": item_id, "price": price_id}],
                "proration_behavior": "create_prorations",
            }
            # The subscription as this update answered it: a replay of the key gets that first answer,
            # as from Stripe, not the subscription as it is now.
            answered = self.update_subscription(subscription_id, params, idempotency_key)
            return self._answer(answered, observed_at)

    def resume_subscription(
        self, subscription_id: str, scheduled_date_only: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        with self.state.lock:
            params = {"cancel_at": ""} if scheduled_date_only else {"cancel_at_period_end": False}
            self.update_subscription(subscription_id, params)
            return self._answer(self.state.subscriptions[subscription_id], observed_at)

    def cancel_subscription(
        self, subscription_id: str, at_period_end: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        with self.state.lock:
            subscription = self._live(subscription_id)
            if at_period_end:
                self.update_subscription(subscription_id, {"cancel_at_period_end": True})
            else:
                now = int(time.time())
                subscription.update(status="canceled", canceled_at=now, ended_at=now)
                self.state.record_event("customer.subscription.deleted", subscription)
            return self._answer(subscription, observed_at)

    def schedule_cancellation(self, subscription_id: str, cancel_at: int | None) -> dict[str, Any]:
        """Sets (or, with None, clears) a date the subscription ends on, like an update of `cancel_at`."""
        with self.state.lock:
            subscription = self.state.subscriptions.get(subscription_id)
            if subscription is None:
                raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'")
            previous = {"cancel_at": subscription.get("cancel_at")}
            subscription["cancel_at"] = cancel_at
            return self._updated(subscription, previous)
