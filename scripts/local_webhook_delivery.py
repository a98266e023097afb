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


class ApiEventDelivery:
    """ASGI middleware of the offline dev server: the events the in-memory Stripe logs while one of our
    routes calls it (a plan switch, a cancel, a resume) are delivered signed, as Stripe sends webhooks for
    changes made through its API, just before that route's answer goes out, so the page it leads to
    already shows them (at Stripe they follow within seconds). The stand-in pages and the webhook route
    are left alone: the pages deliver their own events."""

    def __init__(self, app: Any, dev_app: Any, skipped: tuple[str, ...]) -> None:
        self.app, self.dev_app, self.skipped = app, dev_app, (*skipped, WEBHOOK_PATH)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
        from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway

        gateway = get_payment_gateway(get_settings()) if scope["type"] == "http" else None
        if not isinstance(gateway, InMemoryGateway) or scope["path"].startswith(self.skipped):
            await self.app(scope, receive, send)
            return
        events = gateway.state.events
        first_new = len(events)

        async def deliver_then_send(message: dict[str, Any]) -> None:
            nonlocal first_new
            if message["type"] == "http.response.start" and len(events) > first_new:
                new, first_new = events[first_new:], len(events)
                await deliver_stripe_events(self.dev_app, new)
            await send(message)

        await self.app(scope, receive, deliver_then_send)
