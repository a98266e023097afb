"""A stripe.HTTPClient that records each request and answers with queued Stripe-shaped JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import stripe

from saas_billing.infra.external_api.service.stripe.gateway import StripeGateway, build_stripe_client


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]


@dataclass
class RecordingHTTPClient(stripe.HTTPClient):
    name = "recording"
    replies: list[tuple[int, Any]] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__()

    def reply(self, status: int, body: Any) -> RecordingHTTPClient:
        """Queues an answer: a JSON-able body, or an exception to raise (e.g. APIConnectionError)."""
        self.replies.append((status, body))
        return self

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        self.requests.append(
            RecordedRequest(
                method=method.upper(),
                path=parts.path,
                query=dict(parse_qsl(parts.query)),
                form=dict(parse_qsl(post_data or "", keep_blank_values=True)),
                headers=dict(headers or {}),
            )
        )
        status, body = self.replies.pop(0)
        if isinstance(body, Exception):
            raise body
        return json.dumps(body), status, {"request-id": "req_test"}

    def close(self) -> None:
        pass

    @property
    def last(self) -> RecordedRequest:
        return self.requests[-1]


def recording_gateway(api_key: str = "sk_test_123") -> tuple[StripeGateway, RecordingHTTPClient]:
    http = RecordingHTTPClient()
    client = build_stripe_client(api_key, max_network_retries=0, http_client=http)
    return StripeGateway(client, test_mode=api_key.startswith("sk_test_")), http


def error_body(error_type: str, message: str, code: str | None = None) -> dict[str, Any]:
    return {"error": {"type": error_type, "message": message, "code": code}}


def customer(customer_id: str = "cus_1", email: str = "ada@example.com", name: str = "Ada") -> dict:
    return {"id": customer_id, "object": "customer", "email": email, "name": name, "created": 1_790_000_000}


def subscription(subscription_id: str = "sub_1", status: str = "active", **overrides: Any) -> dict:
    body = {
        "id": subscription_id,
        "object": "subscription",
        "customer": "cus_1",
        "status": status,
        "cancel_at_period_end": False,
        "metadata": {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_1",
                    "object": "subscription_item",
                    "price": {"id": "price_pro_monthly", "object": "price", "product": "prod_pro"},
                    "current_period_end": 1_798_243_200,
                }
            ],
        },
    }
    body.update(overrides)
    return body
