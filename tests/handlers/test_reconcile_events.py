"""The reconcile function's scheduled event, through its plain Lambda handler, on Mongo-backed stores."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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


@dataclass
class ContextWithTime(FakeLambdaContext):
    remaining_ms: int = 300_000

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def test_a_run_with_no_time_left_defers_its_work_and_checkpoints_before_it(handler, gateway, mongo_client):
    obj = subscription_object("past_due", subscription_id="sub_1")
    gateway.state.subscriptions["sub_1"] = obj
    created = gateway.state.record_event("customer.subscription.updated", obj)["created"]
    report = handler(load_event("reconcile/scheduled.json"), ContextWithTime(remaining_ms=0))
    assert (report["examined"], report["deferred"], report["checkpoint"]) == (0, 1, created)
    assert mongo_client["saas_billing"]["subscriptions"].find_one({"stripe_subscription_id": "sub_1"}) is None


def test_the_deadline_leaves_a_safety_margin_before_the_lambda_timeout():
    from reconcile_handler import SAFETY_MARGIN, run_deadline

    now = datetime.now(UTC)
    assert (
        run_deadline(ContextWithTime(remaining_ms=300_000), now)
        == now + timedelta(seconds=300) - SAFETY_MARGIN
    )
    assert run_deadline(ContextWithTime(remaining_ms=20_000), now) == now + timedelta(seconds=10)  # half


def test_make_reconcile_has_a_generous_budget_that_can_be_set(gateway, mongo_client, monkeypatch, capsys):
    from scripts import reconcile

    obj = subscription_object(subscription_id="sub_1")
    gateway.state.subscriptions["sub_1"] = obj
    gateway.state.record_event("customer.subscription.updated", obj)
    assert timedelta(minutes=10) <= reconcile.DEFAULT_BUDGET
    monkeypatch.setattr("sys.argv", ["reconcile", "--budget", "0"])
    reconcile.main()
    assert json.loads(capsys.readouterr().out)["deferred"] == 1
    monkeypatch.setattr("sys.argv", ["reconcile"])
    reconcile.main()
    assert json.loads(capsys.readouterr().out)["repaired"] == 1


def test_malformed_objects_in_stripe_are_logged_and_skipped_and_the_run_goes_on(handler, gateway, mongo_client, caplog):  # fmt: skip
    good = subscription_object("past_due", subscription_id="sub_good")
    gateway.state.subscriptions["sub_good"] = good
    gateway.state.subscriptions["sub_bad"] = subscription_object(subscription_id="sub_bad", status=None)
    gateway.state.record_event("customer.subscription.updated", {"id": {"$ne": None}})
    gateway.state.record_event("customer.subscription.updated", gateway.state.subscriptions["sub_bad"])
    gateway.state.record_event("customer.subscription.updated", good)
    report = handler(load_event("reconcile/scheduled.json"), FakeLambdaContext())
    assert (report["examined"], report["repaired"], report["failed"], report["skipped"]) == (2, 1, 1, 1)
    database = mongo_client["saas_billing"]
    assert [d["stripe_subscription_id"] for d in database["subscriptions"].find({})] == ["sub_good"]
    assert report["checkpoint"] is not None
    assert not [r for r in caplog.records if r.exc_info]
