"""Webhook errors; plain domain errors the edge maps to statuses (see domain/errors.py).

Stripe retries any non-2xx for three days, so the status says whether a retry can help: a bad signature
or body is 400 (never applied), a busy or failed event is 409/500 (the retry processes it).
"""

from __future__ import annotations

from saas_billing.domain.errors import DomainError, InvalidRequest, StateConflict


class InvalidWebhookSignature(InvalidRequest):
    default_detail = "Invalid Stripe-Signature header"


class InvalidWebhookPayload(InvalidRequest):
    default_detail = "The webhook body is not a Stripe event"


class WebhookNotConfigured(DomainError):
    """No signing secret: unsigned webhooks are never accepted, so every delivery fails until one is set."""

    default_detail = "No webhook signing secret is configured (STRIPE_WEBHOOK_SECRET)"


class EventInProgress(StateConflict):
    default_detail = "This event is being processed by another delivery; retry later"


class WebhookProcessingFailed(DomainError):
    default_detail = "Processing the event failed; it was not recorded, so a retry will process it"
