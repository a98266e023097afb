"""Stripe's subscription update for the in-memory gateway: the price of an item, and a scheduled end."""

from __future__ import annotations

import calendar
import copy
import time
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.infra.external_api.service.in_memory.idempotency import idempotent_create

if TYPE_CHECKING:
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


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


class InMemorySubscriptionUpdate:
    state: InMemoryStripeState

    def _live(self, subscription_id: str) -> dict[str, Any]:
        """Callers hold the lock. Stripe refuses to change a canceled subscription (400)."""
        subscription = self.state.subscriptions.get(subscription_id)
        if subscription is None:
            raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'")
        from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES  # its schemas on use

        if subscription["status"] in TERMINAL_STATUSES:
            raise BadRequest(f"Subscription '{subscription_id}' is {subscription['status']}")
        return subscription

    def _updated(self, subscription: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
        event = self.state.record_event("customer.subscription.updated", subscription)
        event["data"]["previous_attributes"] = previous
        return event

    def update_subscription(
        self, subscription_id: str, params: dict[str, Any], idempotency_key: str | None = None
    ) -> dict[str, Any]:
        """Stripe's subscription update for the fields we use: `items` (the price of an existing item, with
        `proration_behavior`), `cancel_at_period_end` and `cancel_at` (one of the two; "" unsets it)."""
        if idempotency_key:
            return idempotent_create(
                self.state, idempotency_key, params, lambda: self.update_subscription(subscription_id, params)
            )
        with self.state.lock:
            subscription = self._live(subscription_id)
            if "cancel_at" in params and "cancel_at_period_end" in params:
                raise BadRequest(
                    "You may only specify one of these parameters: cancel_at, cancel_at_period_end"
                )
            previous: dict[str, Any] = {}
            if "items" in params:
                previous["items"] = copy.deepcopy(subscription["items"])
                self._switch_price(subscription, params["items"], params.get("proration_behavior"))
            if "cancel_at_period_end" in params:
                previous.update(
                    cancel_at_period_end=subscription["cancel_at_period_end"],
                    cancel_at=subscription["cancel_at"],
                )
                ending = bool(params["cancel_at_period_end"])
                # Stripe sets `cancel_at` to the period end too, and clears it with the flag.
                period = subscription["items"]["data"][0]["current_period_end"]
                subscription.update(cancel_at_period_end=ending, cancel_at=period if ending else None)
            if "cancel_at" in params:
                previous["cancel_at"] = subscription["cancel_at"]
                subscription["cancel_at"] = params["cancel_at"] or None
            self._updated(subscription, previous)
            return copy.deepcopy(subscription)

    def _switch_price(
        self, subscription: dict[str, Any], items: list[dict[str, Any]], proration: str | None
    ) -> None:
        if proration not in (None, "create_prorations", "none", "always_invoice"):
            raise BadRequest(f"Invalid proration_behavior: '{proration}'")
        by_id = {item["id"]: item for item in subscription["items"]["data"]}
        for change in items:
            item = by_id.get(change.get("id") or "")
            if item is None:
                raise BadRequest(f"No such subscription item: '{change.get('id')}'")
            price = self.state.prices.get(change.get("price") or "")
            if price is None:
                raise BadRequest(f"No such price: '{change.get('price')}'")
            if not price["active"]:
                raise BadRequest(f"The price specified is inactive: '{price['id']}'")
            # The period and its end stay (proration bills the difference); a new interval restarts it.
            if (price.get("recurring") or {}).get("interval") != (item["price"].get("recurring") or {}).get(
                "interval"
            ):
                now = int(time.time())
                recurring = price.get("recurring") or {}
                item.update(
                    current_period_start=now,
                    current_period_end=period_end(
                        now, recurring.get("interval"), recurring.get("interval_count") or 1
                    ),
                )
            item["price"] = copy.deepcopy(price)
