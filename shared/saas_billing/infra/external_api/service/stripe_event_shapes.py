"""Reads the Stripe objects webhooks carry (sessions, invoices) into what the use cases need."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.domain.schemas.webhooks.stripe_event import CompletedCheckout
from saas_billing.infra.external_api.service.stripe_shapes import id_of, timestamp


def to_completed_checkout(session: Mapping[str, Any]) -> CompletedCheckout:
    """The account comes from `client_reference_id`, else `metadata.account_id`."""
    metadata = session.get("metadata") or {}
    return CompletedCheckout(
        mode=session.get("mode"),
        subscription_id=id_of(session.get("subscription")),
        customer_id=id_of(session.get("customer")),
        account_id=session.get("client_reference_id") or metadata.get("account_id"),
    )


def invoice_subscription_id(invoice: Mapping[str, Any]) -> str | None:
    """Since API version 2025-03-31 the id is under `parent.subscription_details`; before, top level."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    return id_of(details.get("subscription")) or id_of(invoice.get("subscription"))


def to_invoice_change(
    invoice: Mapping[str, Any], paid: bool, observed_at: float
) -> SubscriptionChange | None:
    """Status and period end as Stripe sets them when a subscription invoice is paid or fails.

    A failed renewal makes the subscription past_due; a failed first invoice leaves it incomplete. A paid
    invoice with an amount makes it active; a $0 one (a trial start) leaves the status alone. The period
    end is the latest line period end: the invoice's own `period_end` is the previous period's.
    """
    subscription_id = invoice_subscription_id(invoice)
    if not subscription_id:
        return None
    first = invoice.get("billing_reason") == "subscription_create"
    if paid:
        status = "active" if int(invoice.get("amount_paid") or 0) > 0 else None
    else:
        status = "incomplete" if first else "past_due"
    period_ends = [
        int(line["period"]["end"])
        for line in (invoice.get("lines") or {}).get("data") or []
        if (line.get("period") or {}).get("end")
    ]
    return SubscriptionChange(
        id=subscription_id,
        observed_at=observed_at,
        status=status,
        current_period_end=timestamp(max(period_ends)) if period_ends else None,
    )


def trial_end_of(subscription: Mapping[str, Any]) -> datetime | None:
    return timestamp(subscription.get("trial_end"))
