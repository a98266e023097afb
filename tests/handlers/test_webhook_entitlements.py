"""Entitlement webhooks through the handler, on either MongoDB tier.

A feature lookup key is whatever Stripe accepts (up to 80 characters, no character rules): a summary
carrying `projects:unlimited` or `Priority support` is stored, never a 400 that leaves the customer's
features unsynced; a key no one could have set at Stripe is still a 400, never a 500. An account whose
customer was deleted and replaced keeps the new customer's features."""

from __future__ import annotations

import pytest

from saas_billing.repo.mongodb.entitlement_repository import MongoEntitlementRepository
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


def test_a_deleted_and_replaced_customer_leaves_the_account_the_new_ones_features(handler, database):
    def send(event_type, obj, created):
        assert invoke(handler, delivery(stripe_event(event_type, obj, created=created))).status == 200

    users = database["users"]
    users.insert_one({"_id": "user_1", "email": "ada@example.com", "stripe_customer_id": "cus_old"})
    send(SUMMARY, summary("projects.basic", customer="cus_old"), T)
    users.update_one({"_id": "user_1"}, {"$set": {"stripe_customer_id": "cus_new"}})  # the replacement
    send(SUMMARY, summary("projects.unlimited", "support.priority", customer="cus_new"), T + 1)
    before = MongoEntitlementRepository(database).for_account("user_1").revision
    send("customer.deleted", {"id": "cus_old", "object": "customer"}, T + 2)
    stored = MongoEntitlementRepository(database).for_account("user_1")
    assert stored.lookup_keys == ("projects.unlimited", "support.priority")
    assert stored.revision > before
    assert database["entitlements"].find_one({"_id": "cus_old"})["lookup_keys"] == []
