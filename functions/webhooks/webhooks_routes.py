"""Stripe webhooks: verified, applied once, in any order; answered as soon as the database work is done."""

from __future__ import annotations

from fastapi import APIRouter

from saas_billing.domain.webhook_errors import (
    EventInProgress,
    InvalidWebhookPayload,
    InvalidWebhookSignature,
    WebhookProcessingFailed,
)
from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.fastapi_config.openapi_declarations import errors
from saas_billing.models.schemas.webhooks.webhook_ack import WebhookAck
from saas_billing.routes.depends.webhook_dep import ReceiveStripeEventDep, VerifiedStripeEventDep

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

RESPONSES = errors(
    InvalidWebhookSignature,
    InvalidWebhookPayload,
    EventInProgress,
    WebhookProcessingFailed,
    ServiceUnavailable,
)
RESPONSES[400]["description"] = (
    "Missing, malformed, stale or wrong signature, or not a Stripe event: never applied"
)
RESPONSES[409]["description"] = "Another delivery of this event is being processed; Stripe retries later"
STRIPE_EVENT = {  # read raw (the signature covers the exact bytes), so documented here rather than parsed
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["id", "type", "created", "data"],
                    "properties": {
                        "id": {"type": "string"},
                        "type": {"type": "string"},
                        "created": {"type": "integer"},
                        "data": {"type": "object", "properties": {"object": {"type": "object"}}},
                    },
                },
                "example": {
                    "id": "evt_1PqR2sT3uV4wX5yZ",
                    "type": "customer.subscription.updated",
                    "created": 1767225600,
                    "data": {"object": {"id": "sub_1PqR2sT3uV4wX5yZ", "object": "subscription"}},
                },
            }
        },
    },
    "parameters": [
        {
            "name": "Stripe-Signature",
            "in": "header",
            "required": True,
            "description": "Stripe's `t=<time>,v1=<HMAC-SHA256>` over the raw body",
            "schema": {"type": "string", "maxLength": 2048},
        }
    ],
}


@router.post("/stripe", response_model=WebhookAck, responses=RESPONSES, openapi_extra=STRIPE_EVENT)
async def receive_stripe_webhook(event: VerifiedStripeEventDep, receive: ReceiveStripeEventDep) -> WebhookAck:
    """Stripe-Signature is checked over the raw body before anything else (the dependency order matters)."""
    return WebhookAck(event_id=event.id, result=receive.execute(event))
