"""StripeWebhookVerifier alone, with its clock in hand: what it returns, and where its limits lie exactly."""

from __future__ import annotations

import json
import time

import pytest

from saas_billing.domain.webhook_errors import InvalidWebhookPayload, InvalidWebhookSignature
from saas_billing.infra.external_api.service.stripe.webhook_verifier import StripeWebhookVerifier
from scripts.sign_event import signature_header
from tests.support.webhooks import stripe_event, subscription_object

SECRET = "whsec_unit_test"


def verify(body: str, header: str | None = None, now=time.time):
    header = header or signature_header(body, SECRET, int(time.time()))
    return StripeWebhookVerifier([SECRET], tolerance_seconds=300, now=now).verify(body.encode(), header)


def test_at_least_one_secret_is_required():
    with pytest.raises(ValueError) as refused:
        StripeWebhookVerifier([])
    assert str(refused.value) == "at least one webhook secret is required"


def test_a_verified_event_carries_what_stripe_sent():
    created = int(time.time()) - 60
    event = {**stripe_event("invoice.paid", {"id": "in_1"}, created=created), "livemode": True}
    verified = verify(json.dumps(event))
    assert (verified.id, verified.type, verified.created) == (event["id"], "invoice.paid", created)
    assert (verified.object, verified.livemode) == ({"id": "in_1"}, True)
    assert verify(json.dumps({**event, "livemode": False})).livemode is False


def test_a_signature_exactly_at_the_tolerance_is_still_accepted():
    """Stripe's own rule: only a timestamp strictly older than now minus the tolerance is refused."""
    body = json.dumps(stripe_event("customer.subscription.updated", subscription_object()))
    signed_at = int(time.time())
    header = signature_header(body, SECRET, signed_at)
    assert verify(body, header, now=lambda: signed_at + 300).type == "customer.subscription.updated"
    with pytest.raises(InvalidWebhookSignature, match="older than the 300 s tolerance"):
        verify(body, header, now=lambda: signed_at + 301)


def test_a_v1_value_is_judged_by_the_signature_check_not_the_header_shape():
    """Only `t=` and `v1=` are the header's shape; what follows v1= (even an `=`) is for the HMAC to refuse."""
    body = json.dumps(stripe_event("invoice.paid", {"id": "in_1"}))
    with pytest.raises(InvalidWebhookSignature) as refused:
        verify(body, f"t={int(time.time())},v1=abc=def")
    assert refused.value.detail == (
        "No Stripe-Signature v1 signature matches the body for the configured webhook secret(s)"
    )


def test_a_v2_thin_event_is_refused_as_not_a_stripe_event():
    """Event destinations can send v2 notifications: whatever fields they have, they are no v1 event.

    stripe-python (16.x) refuses them in construct_event already; the verifier's own check is the backstop.
    """
    thin = {
        "id": "evt_test_65R9Ijk8uRPUHy7n1SPtDmgPwkoA",
        "object": "v2.core.event",
        "type": "v1.billing.meter.error_report_triggered",
        "created": int(time.time()) - 60,
        "data": {"object": {"id": "mtr_1"}},
        "livemode": False,
    }
    with pytest.raises(InvalidWebhookPayload) as refused:
        verify(json.dumps(thin))
    assert refused.value.detail == "The webhook body is not a JSON Stripe event"
