"""Reads the Stripe objects webhooks carry (sessions, invoices, customers) into what the use cases need.

Fields go through stripe_fields: a missing or ill-typed one is InvalidWebhookPayload (a 400).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from saas_billing.domain.schemas.billing.reconciliation import changes_oldest_first
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.domain.schemas.webhooks.stripe_event import CompletedCheckout
from saas_billing.domain.webhook_errors import InvalidWebhookPayload
from saas_billing.infra.external_api.service.stripe_fields import (
    mapping,
    objects,
    optional_id,
    optional_text,
    optional_timestamp,
    seconds,
    stripe_id,
    whole,
)

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription

logger = logging.getLogger(__name__)


def to_completed_checkout(session: Mapping[str, Any]) -> CompletedCheckout:
    """The account comes from `client_reference_id`, else `metadata.account_id`."""
    metadata = mapping(session.get("metadata"), "session.metadata")
    return CompletedCheckout(
        mode=optional_text(session.get("mode"), "session.mode"),
        subscription_id=optional_id(session.get("subscription"), "session.subscription", "sub_"),
        customer_id=optional_id(session.get("customer"), "session.customer", "cus_"),
        account_id=optional_text(session.get("client_reference_id"), "session.client_reference_id")
        or optional_text(metadata.get("account_id"), "session.metadata.account_id"),
    )


def invoice_subscription_id(invoice: Mapping[str, Any]) -> str | None:
    """Since API version 2025-03-31 the id is under `parent.subscription_details`; before, top level."""
    parent = mapping(invoice.get("parent"), "invoice.parent")
    details = mapping(parent.get("subscription_details"), "invoice.parent.subscription_details")
    return optional_id(
        details.get("subscription"), "invoice.parent.subscription_details.subscription", "sub_"
    ) or optional_id(invoice.get("subscription"), "invoice.subscription", "sub_")


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
    first = optional_text(invoice.get("billing_reason"), "invoice.billing_reason") == "subscription_create"
    if paid:
        status = "active" if whole(invoice.get("amount_paid"), "invoice.amount_paid") > 0 else None
    else:
        status = "incomplete" if first else "past_due"
    lines = objects(mapping(invoice.get("lines"), "invoice.lines").get("data"), "invoice.lines.data")
    periods = [mapping(line.get("period"), "invoice line period") for line in lines]
    period_ends = [
        seconds(period["end"], "invoice line period.end") for period in periods if period.get("end")
    ]
    return SubscriptionChange(
        id=subscription_id,
        observed_at=observed_at,
        status=status,
        current_period_end=optional_timestamp(max(period_ends), "invoice line period.end")
        if period_ends
        else None,
    )


def trial_end_of(subscription: Mapping[str, Any]) -> datetime | None:
    return optional_timestamp(subscription.get("trial_end"), "subscription.trial_end")


def deleted_customer_id(customer: Mapping[str, Any]) -> str:
    return stripe_id(customer.get("id"), "customer.id", "cus_")


def subscription_changes(events: Iterable[Mapping[str, Any]]) -> list[ChangedSubscription]:
    """The subscriptions a listing of `customer.subscription.*` events names; a malformed event is logged
    and skipped, so one bad entry cannot stop a reconciliation run."""
    changes = []
    for event in events:
        try:
            subscription = mapping(
                mapping(event.get("data"), "event.data").get("object"), "event.data.object"
            )
            changes.append(
                (
                    stripe_id(subscription.get("id"), "subscription.id", "sub_"),
                    seconds(event.get("created"), "event.created"),
                )
            )
        except InvalidWebhookPayload as error:
            logger.warning(
                "listed event skipped", extra={"event_id": event.get("id"), "reason": error.detail}
            )
    return changes_oldest_first(changes)
