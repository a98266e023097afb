"""`make dev` only: sends the stand-in checkout's events to our own webhook route, signed, as Stripe would.

Delivery goes through the dev app's full HTTP stack (ASGI in process, so it works whatever host or port
the server listens on) and runs after the payer is redirected, so the success page and the webhook race
exactly as they do with Stripe.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx

from saas_billing.infra.settings.loader import get_settings
from saas_billing.infra.settings.webhook_secrets import webhook_secrets_for
from scripts.sign_event import WEBHOOK_PATH, signature_header

logger = logging.getLogger(__name__)


async def deliver_stripe_event(app: Any, event: dict[str, Any]) -> int:
    """Posts one event with a fresh signature from the first configured secret; returns the status."""
    payload = json.dumps(event)
    secret = webhook_secrets_for(get_settings())[0]
    headers = {
        "content-type": "application/json; charset=utf-8",
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "stripe-signature": signature_header(payload, secret),
    }
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://local-stripe") as client:
        response = await client.post(WEBHOOK_PATH, content=payload.encode(), headers=headers)
    logger.info(
        "local webhook delivered",
        extra={"event_type": event["type"], "event_id": event["id"], "status": response.status_code},
    )
    return response.status_code


async def deliver_stripe_events(app: Any, events: list[dict[str, Any]]) -> list[int]:
    """In order, one after another, as Stripe would (it does not promise order; these are sequential)."""
    return [await deliver_stripe_event(app, event) for event in events]
