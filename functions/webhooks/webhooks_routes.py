"""Stripe webhooks: verified, applied once, in any order; answered as soon as the database work is done."""

from __future__ import annotations

from fastapi import APIRouter

from saas_billing.models.schemas.webhooks.webhook_ack import WebhookAck
from saas_billing.routes.depends.webhook_dep import ReceiveStripeEventDep, VerifiedStripeEventDep

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

RESPONSES = {
    400: {
        "description": "Missing, malformed, stale or wrong signature, or not a Stripe event: never applied"
    },
    409: {"description": "Another delivery of this event is being processed; Stripe retries later"},
    500: {"description": "Applying failed and nothing was recorded; Stripe's retry processes the event"},
}


@router.post("/stripe", response_model=WebhookAck, responses=RESPONSES)
async def receive_stripe_webhook(event: VerifiedStripeEventDep, receive: ReceiveStripeEventDep) -> WebhookAck:
    """Stripe-Signature is checked over the raw body before anything else (the dependency order matters)."""
    return WebhookAck(event_id=event.id, result=receive.execute(event))
