"""The Stripe-backed sync reads, against a recorded-response HTTP client (no network)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import stripe

from saas_billing.domain.schemas.billing.reconciliation import ChangedSubscription
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.service.stripe.gateway import StripeGateway, build_stripe_client
from tests.support.webhooks import T, subscription_object


class CannedHttpClient(stripe.HTTPClient):
    """Answers each path from a table and remembers every request."""

    name = "canned"

    def __init__(self, answers: dict[str, list[tuple[int, dict]]]) -> None:
        super().__init__()
        self.answers = answers
        self.requests: list[tuple[str, str, dict[str, list[str]]]] = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        self.requests.append((method, parts.path, parse_qs(parts.query)))
        status, body = self.answers[parts.path].pop(0)
        return json.dumps(body), status, {"request-id": "req_test"}


def gateway_with(answers):
    http = CannedHttpClient(answers)
    return StripeGateway(build_stripe_client("sk_test_123", max_network_retries=0, http_client=http)), http


def event(event_id, subscription_id, created):
    obj = subscription_object(subscription_id=subscription_id)
    return {"id": event_id, "object": "event", "type": "customer.subscription.updated", "created": created,
            "data": {"object": obj}}  # fmt: skip


def test_changes_are_listed_from_the_events_api_oldest_first_and_distinct():
    newest_first = [
        event("evt_4", "sub_c", T + 4),
        event("evt_3", "sub_a", T + 3),
        event("evt_2", "sub_b", T + 2),
        event("evt_1", "sub_a", T + 1),
    ]
    page = {"object": "list", "url": "/v1/events", "has_more": False, "data": newest_first}
    gateway, http = gateway_with({"/v1/events": [(200, page)]})
    assert gateway.list_subscription_changes_since(T) == [
        ChangedSubscription("sub_a", T + 1, T + 3),
        ChangedSubscription("sub_b", T + 2, T + 2),
        ChangedSubscription("sub_c", T + 4, T + 4),
    ]
    method, path, query = http.requests[0]
    assert (method, path) == ("get", "/v1/events")
    assert query["type"] == ["customer.subscription.*"] and query["created[gte]"] == [str(T)]


def test_a_retrieved_subscription_is_a_snapshot_observed_when_asked():
    obj = subscription_object("past_due", customer={"id": "cus_1", "object": "customer", "email": "a@b.co"})
    gateway, http = gateway_with({"/v1/subscriptions/sub_1": [(200, obj)]})
    snap = gateway.retrieve_subscription("sub_1", observed_at=T + 0.5)
    assert (snap.status, snap.customer_id, snap.customer_email, snap.observed_at) == (
        "past_due",
        "cus_1",
        "a@b.co",
        T + 0.5,
    )
    assert http.requests[0][2]["expand[0]"] == ["customer"]


def test_an_unknown_subscription_is_not_found():
    error = {"error": {"type": "invalid_request_error", "message": "No such subscription: 'sub_x'"}}
    gateway, _ = gateway_with({"/v1/subscriptions/sub_x": [(404, error)]})
    with pytest.raises(NotFound):
        gateway.retrieve_subscription("sub_x", observed_at=T)
