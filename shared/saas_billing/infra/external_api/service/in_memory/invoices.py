"""Invoices of the in-memory gateway, in Stripe's current API shape (2025-03-31 and later), and the
billing cycle that makes them: what the invoice webhooks of a real account carry."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import SubscriptionNotFound
from saas_billing.infra.external_api.service.in_memory.subscriptions import period_end

if TYPE_CHECKING:
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


def add_invoice(
    state: InMemoryStripeState,
    subscription: dict[str, Any],
    *,
    paid: bool,
    billing_reason: str,
    previous_start: int | None = None,
) -> dict[str, Any]:
    """An invoice for the subscription's current period and its `invoice.paid` or
    `invoice.payment_failed` event; a trialing subscription's first invoice is $0. Callers hold the lock."""
    item = subscription["items"]["data"][0]
    price = item["price"]
    amount = 0 if subscription["status"] == "trialing" else int(price["unit_amount"])
    now = int(time.time())
    invoice = {
        "id": state.new_id("in"),
        "object": "invoice",
        "customer": subscription["customer"],
        "billing_reason": billing_reason,
        "currency": price["currency"],
        "amount_due": amount,
        "amount_paid": amount if paid else 0,
        "amount_remaining": 0 if paid else amount,
        "attempt_count": 1,
        "status": "paid" if paid else "open",
        "created": now,
        "livemode": False,
        # The invoice's own period is the one before the lines' (start equals end on the first invoice).
        "period_start": item["current_period_start"] if previous_start is None else previous_start,
        "period_end": item["current_period_start"],
        "lines": {
            "object": "list",
            "data": [
                {
                    "id": state.new_id("il"),
                    "object": "line_item",
                    "amount": amount,
                    "currency": price["currency"],
                    "parent": {
                        "type": "subscription_item_details",
                        "subscription_item_details": {
                            "subscription": subscription["id"],
                            "subscription_item": item["id"],
                        },
                    },
                    "period": {"start": item["current_period_start"], "end": item["current_period_end"]},
                    "pricing": {"price_details": {"price": price["id"], "product": price["product"]}},
                }
            ],
            "has_more": False,
        },
        "parent": {
            "type": "subscription_details",
            "subscription_details": {
                "metadata": dict(subscription.get("metadata") or {}),
                "subscription": subscription["id"],
            },
        },
    }
    state.invoices[invoice["id"]] = invoice
    state.record_event("invoice.paid" if paid else "invoice.payment_failed", invoice)
    return invoice


def renew(state: InMemoryStripeState, subscription: dict[str, Any], *, paid: bool) -> dict[str, Any]:
    """The next billing period: the item's period moves on, the renewal invoice is paid or fails (then the
    subscription is past_due), with the events Stripe sends. Returns the invoice; callers hold the lock."""
    item = subscription["items"]["data"][0]
    recurring = item["price"].get("recurring") or {}
    previous = {"status": subscription["status"]}
    previous_start = item["current_period_start"]
    item["current_period_start"] = item["current_period_end"]
    item["current_period_end"] = period_end(
        item["current_period_start"], recurring.get("interval"), recurring.get("interval_count") or 1
    )
    if subscription["status"] == "trialing":
        subscription["status"] = "active"  # the trial is over: this invoice is the first charge
    invoice = add_invoice(
        state, subscription, paid=paid, billing_reason="subscription_cycle", previous_start=previous_start
    )
    subscription["status"] = "active" if paid else "past_due"
    event = state.record_event("customer.subscription.updated", subscription)
    event["data"]["previous_attributes"] = previous
    return invoice


class InMemoryInvoices:
    """What Stripe's billing clock does, for tests and the dev server to drive."""

    state: InMemoryStripeState

    def renew_subscription(self, subscription_id: str, *, paid: bool = True) -> dict[str, Any]:
        with self.state.lock:
            subscription = self.state.subscriptions.get(subscription_id)
            if subscription is None:
                raise SubscriptionNotFound(f"No such subscription: '{subscription_id}'")
            return renew(self.state, subscription, paid=paid)
