"""A feature lookup key is whatever Stripe accepts (up to 80 characters, no character rules): a summary
carrying `projects:unlimited` or `Priority support` is stored, never a 400 that leaves the customer's
features unsynced; a key no one could have set at Stripe is still a 400, never a 500."""

from __future__ import annotations

import pytest

from tests.support.lambda_events import invoke
from tests.support.webhook_fixtures import database, handler  # noqa: F401 (fixtures)
from tests.support.webhooks import SUMMARY, T, delivery, stripe_event, summary

STRIPE_VALID = ("projects:unlimited", "Priority support", "Zugang für Teams", "x" * 80, "$set", "a.b")


def test_a_summary_with_any_key_stripe_accepts_is_stored(handler, database):
    response = invoke(handler, delivery(stripe_event(SUMMARY, summary(*STRIPE_VALID), created=T)))
    assert response.status == 200, response.text
    stored = database["entitlements"].find_one({"_id": "cus_1"})
    assert stored["lookup_keys"] == sorted(STRIPE_VALID)


@pytest.mark.parametrize(
    "key",
    ["", "x" * 81, "line\nbreak", "tab\there", "nul\x00", "\ud800", 7, None, {"$gt": ""}],
    ids=["empty", "81 characters", "newline", "tab", "nul", "lone surrogate", "int", "null", "operator"],
)
def test_a_key_stripe_could_not_have_set_is_a_400(handler, database, key):
    obj = summary("projects.basic")
    obj["entitlements"]["data"][0]["lookup_key"] = key
    response = invoke(handler, delivery(stripe_event(SUMMARY, obj, created=T, event_id="evt_bad")))
    assert response.status == 400, response.text
    assert "lookup_key" in response.json()["detail"]
    assert database["entitlements"].count_documents({}) == 0
