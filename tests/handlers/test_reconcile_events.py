"""The reconcile function's scheduled event, through its plain Lambda handler, on Mongo-backed stores."""

from __future__ import annotations

import pytest

from tests.support.lambda_events import FakeLambdaContext, load_event
from tests.support.webhooks import subscription_object


@pytest.fixture
def handler(gateway, mongo_client):
    from reconcile_handler import handler

    return handler


def nothing_to_do(report):
    assert (report["examined"], report["repaired"], report["failed"]) == (0, 0, 0)
    assert report["checkpoint"] is not None


EXPECTED = {"reconcile/scheduled.json": nothing_to_do}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_reconcile_events(handler, event_path):
    EXPECTED[event_path](handler(load_event(event_path), FakeLambdaContext()))


def test_a_scheduled_run_repairs_drift_in_mongodb_and_checkpoints(handler, gateway, mongo_client):
    obj = subscription_object("past_due", subscription_id="sub_1", metadata={"account_id": "user_1"})
    gateway.state.subscriptions["sub_1"] = obj
    gateway.state.record_event("customer.subscription.updated", obj)
    event = load_event("reconcile/scheduled.json")
    first = handler(event, FakeLambdaContext())
    assert (first["examined"], first["repaired"], first["unchanged"]) == (1, 1, 0)
    database = mongo_client["saas_billing"]
    saved = database["subscriptions"].find_one({"stripe_subscription_id": "sub_1"})
    assert (saved["status"], saved["account_id"]) == ("past_due", "user_1")
    assert database["sync_checkpoints"].find_one({"_id": "stripe_subscriptions"})["covered_until"]
    second = handler(event, FakeLambdaContext())
    assert (second["examined"], second["repaired"], second["unchanged"]) == (1, 0, 1)
