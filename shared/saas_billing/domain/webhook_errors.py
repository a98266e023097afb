"""Webhook errors, each an AppError subclass so the one handler maps it to its status.

Stripe retries any non-2xx for three days, so the status says whether a retry can help: a bad signature
or body is 400 (never applied), a busy or failed event is 409/500 (the retry processes it).
"""

from __future__ import annotations

from saas_billing.infra.exception.errors import AppError, BadRequest, Conflict


class InvalidWebhookSignature(BadRequest):
    default_detail = "Invalid Stripe-Signature header"


class InvalidWebhookPayload(BadRequest):
    default_detail = "The webhook body is not a Stripe event"


class WebhookNotConfigured(AppError):
    """No signing secret: unsigned webhooks are never accepted, so every delivery fails until one is set."""

    default_detail = "No webhook signing secret is configured (STRIPE_WEBHOOK_SECRET)"


class EventInProgress(Conflict):
    default_detail = "This event is being processed by another delivery; retry later"


class WebhookProcessingFailed(AppError):
    default_detail = "Processing the event failed; it was not recorded, so a retry will process it"
