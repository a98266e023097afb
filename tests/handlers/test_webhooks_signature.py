"""Stripe-Signature through the Mangum handler: only correctly signed, recent deliveries get in."""

from __future__ import annotations

import time

import pytest

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.loader import get_settings
from scripts.make_event import http_api_event
from tests.support.lambda_events import invoke
from tests.support.stages import use_deployed_stage
from tests.support.webhook_fixtures import database, handler  # noqa: F401 (fixtures)
from tests.support.webhooks import delivery, stripe_event, subscription_object

NO_MATCH = "No Stripe-Signature v1 signature matches the body for the configured webhook secret(s)"
NOT_JSON = "The webhook body is not a JSON Stripe event: it is not valid JSON"
NOT_AN_EVENT = "The webhook body is not a Stripe event (id, type, created, data.object)"
MISSING = "Missing Stripe-Signature header"


def an_event():
    return stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_signed")


def assert_refused(response, database, detail: str):
    """A 400 whose detail tells the sender (Stripe's dashboard shows it) exactly why; nothing written."""
    assert response.status == 400, response.text
    assert response.json()["detail"] == detail
    for name in database.list_collection_names():
        assert database[name].count_documents({}) == 0, f"{name} was written"


def test_a_valid_signature_is_accepted_and_applied(handler, database):
    response = invoke(handler, delivery(an_event()))
    assert response.status == 200, response.text
    assert response.json() == {"received": True, "event_id": "evt_signed", "result": "applied"}
    assert database["subscriptions"].count_documents({"stripe_subscription_id": "sub_1"}) == 1


def test_a_tampered_body_is_refused(handler, database):
    event = delivery(an_event())
    event["body"] = event["body"].replace('"active"', '"canceled"')
    assert_refused(invoke(handler, event), database, NO_MATCH)


def test_a_body_whose_whitespace_changed_is_refused(handler, database):
    """The signature covers the exact bytes: re-serialized JSON would not verify."""
    event = delivery(an_event())
    event["body"] = event["body"].replace("\n  ", "\n    ", 1)
    assert_refused(invoke(handler, event), database, NO_MATCH)


def test_a_wrong_secret_is_refused(handler, database):
    response = invoke(handler, delivery(an_event(), secret="whsec_someone_else"))
    assert_refused(response, database, NO_MATCH)


def test_a_stale_timestamp_is_refused(handler, database):
    response = invoke(handler, delivery(an_event(), timestamp=int(time.time()) - 301))
    assert_refused(
        response,
        database,
        "Stripe-Signature timestamp is older than the 300 s tolerance "
        "(a replayed or delayed delivery, or a wrong clock)",
    )


def test_a_timestamp_inside_the_tolerance_is_accepted(handler):
    assert invoke(handler, delivery(an_event(), timestamp=int(time.time()) - 240)).status == 200


def test_a_missing_header_is_refused(handler, database):
    event = delivery(an_event())
    del event["headers"]["stripe-signature"]
    assert_refused(invoke(handler, event), database, MISSING)


@pytest.mark.parametrize("header", ["v1=abc", "t=now,v1=abc", f"t={int(time.time())}", "garbage"])
def test_a_malformed_header_is_refused(handler, database, header):
    event = delivery(an_event())
    event["headers"]["stripe-signature"] = header
    detail = "Malformed Stripe-Signature header: expected t=<timestamp>,v1=<signature>"
    assert_refused(invoke(handler, event), database, detail)


def test_a_base64_encoded_body_is_decoded_before_verification(handler, database):
    """API Gateway base64-encodes some bodies; Mangum decodes them, so the exact bytes are verified."""
    event = delivery(an_event(), base64_body=True)
    assert event["isBase64Encoded"] is True and not event["body"].lstrip().startswith("{")
    response = invoke(handler, event)
    assert response.status == 200, response.text
    assert database["subscriptions"].count_documents({}) == 1


def test_rotated_secrets_accept_the_old_and_the_new_one(handler, monkeypatch):
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", "whsec_old_one, whsec_new_one")
    old = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_old")
    new = stripe_event("customer.subscription.updated", subscription_object(), event_id="evt_new")
    assert invoke(handler, delivery(old, secret="whsec_old_one")).status == 200
    assert invoke(handler, delivery(new, secret="whsec_new_one")).status == 200
    assert invoke(handler, delivery(an_event())).status == 400  # the local default no longer applies


def test_a_signed_body_that_is_not_json_is_refused(handler, database):
    response = invoke(handler, delivery("this is not json"))
    assert_refused(response, database, NOT_JSON)


def test_signed_json_that_is_not_a_stripe_event_is_refused(handler, database):
    response = invoke(handler, delivery('{"hello": "world", "object": "event"}'))
    assert_refused(response, database, NOT_AN_EVENT)


@pytest.mark.parametrize("field", ["id", "type", "created"])
def test_a_signed_event_missing_one_required_field_is_refused(handler, database, field):
    """A 400 naming what an event needs, not a 500 from reading the missing field."""
    event = an_event()
    del event[field]
    assert_refused(invoke(handler, delivery(event)), database, NOT_AN_EVENT)


def test_an_unsigned_empty_post_is_refused(handler, database):
    response = invoke(handler, http_api_event("POST", "/v1/webhooks/stripe"))
    assert_refused(response, database, MISSING)


def test_without_any_usable_secret_a_deployed_stage_refuses_every_delivery(handler, monkeypatch):
    """The settings refuse to load (a cold start fails in Lambda), so no delivery is ever verified."""
    from saas_billing.infra.settings.loader import reset_settings

    use_deployed_stage(monkeypatch, STRIPE_WEBHOOK_SECRET=" , ")  # set, but no secret in it
    response = invoke(handler, delivery(an_event()))
    assert response.status == 500
    reset_settings()
    with pytest.raises(SettingsError, match=r"Missing required settings.*STRIPE_WEBHOOK_SECRET"):
        get_settings()
