"""Subscription part of the in-memory gateway, with Stripe's shapes and events."""

from __future__ import annotations

import calendar
import copy
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
from saas_billing.infra.external_api.service.billing_shapes import with_customer
from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState
from saas_billing.infra.external_api.service.stripe_shapes import to_subscription_snapshot


def period_end(start: int, interval: str | None, count: int = 1) -> int:
    """Calendar months and years, like Stripe's billing anchor (Jan 31 + 1 month = Feb 28)."""
    began = datetime.fromtimestamp(start, UTC)
    if interval in ("month", "year"):
        months = began.month - 1 + count * (12 if interval == "year" else 1)
        year, month = began.year + months // 12, months % 12 + 1
        day = min(began.day, calendar.monthrange(year, month)[1])
        return int(began.replace(year=year, month=month, day=day).timestamp())
    days = {"day": 1, "week": 7}.get(interval or "month", 30) * count
    return int((began + timedelta(days=days)).timestamp())


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


class InMemorySubscriptions(SubscriptionGateway):
    state: InMemoryStripeState

    def cancel_subscription(
        self, subscription_id: str, at_period_end: bool, observed_at: float
    ) -> SubscriptionSnapshot:
        with self.state.lock:
            subscription = self.state.subscriptions.get(subscription_id)
            if subscription is None:
                raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'")
            if subscription["status"] == "canceled":
                raise BadRequest(f"Subscription '{subscription_id}' is already canceled")
            if at_period_end:
                previous = {
                    "cancel_at_period_end": subscription["cancel_at_period_end"],
                    "cancel_at": subscription.get("cancel_at"),
                }
                # Stripe sets `cancel_at` to the period end too.
                subscription["cancel_at_period_end"] = True
                subscription["cancel_at"] = subscription["items"]["data"][0]["current_period_end"]
                event = self.state.record_event("customer.subscription.updated", subscription)
                event["data"]["previous_attributes"] = previous
            else:
                now = int(time.time())
                subscription.update(status="canceled", canceled_at=now, ended_at=now)
                self.state.record_event("customer.subscription.deleted", subscription)
            snapshot = to_subscription_snapshot(copy.deepcopy(subscription), observed_at)
            return with_customer(snapshot, self.state.customers.get(subscription["customer"]))

    def schedule_cancellation(self, subscription_id: str, cancel_at: int | None) -> dict[str, Any]:
        """Sets (or, with None, clears) a date the subscription ends on, like an update of `cancel_at`."""
        with self.state.lock:
            subscription = self.state.subscriptions.get(subscription_id)
            if subscription is None:
                raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'")
            previous = {"cancel_at": subscription.get("cancel_at")}
            subscription["cancel_at"] = cancel_at
            event = self.state.record_event("customer.subscription.updated", subscription)
            event["data"]["previous_attributes"] = previous
            return event
