"""`make dev` serves the webhook too, with STRIPE_WEBHOOK_SECRET (env or .env) or the local default."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from saas_billing.infra.settings.loader import reset_settings
from scripts.dev_server import build_dev_app
from scripts.sign_event import signature_header
from tests.support.webhooks import stripe_event, subscription_object


@pytest.fixture
def app(gateway, mongo_client):
    return build_dev_app()


def post(app, secret: str) -> int:
    body = json.dumps(stripe_event("customer.subscription.updated", subscription_object()))
    headers = {"stripe-signature": signature_header(body, secret), "content-type": "application/json"}

    async def send() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://dev") as client:
            return await client.post("/v1/webhooks/stripe", content=body.encode(), headers=headers)

    loop = asyncio.new_event_loop()  # not asyncio.run: it unsets the loop Mangum later asks for
    try:
        return loop.run_until_complete(send()).status_code
    finally:
        loop.close()


def test_the_local_default_secret_works_when_none_is_set(app):
    assert post(app, "whsec_local_development_secret") == 200


def test_a_secret_from_dotenv_replaces_the_default(app, tmp_path):
    (tmp_path / ".env").write_text("STRIPE_WEBHOOK_SECRET=whsec_from_dotenv\n")
    reset_settings()  # as a restarted `make dev` would read it
    assert post(app, "whsec_local_development_secret") == 400
    assert post(app, "whsec_from_dotenv") == 200
