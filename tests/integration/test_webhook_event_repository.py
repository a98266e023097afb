"""The event ledger's claim/lease/expiry rules, against MongoDB (either tier) and the in-memory fake."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from saas_billing.domain.schemas.webhooks.stripe_event import CLAIM_LEASE, PROCESSED_RETENTION, ClaimStatus
from saas_billing.repo.mongodb.webhook_event_repository import MongoWebhookEventRepository
from scripts.template_model import load_template
from tests.fakes.clock import FakeClock
from tests.fakes.webhook_event_repository import InMemoryWebhookEventRepository


@pytest.fixture(params=["mongo", "fake"])
def ledger(request, database):
    if request.param == "mongo":
        return MongoWebhookEventRepository(database)
    return InMemoryWebhookEventRepository()


@pytest.fixture
def clock():
    return FakeClock()


def claim(ledger, clock, event_id="evt_1"):
    return ledger.claim(event_id, "customer.subscription.updated", clock.now(), clock.now() + CLAIM_LEASE)


def processed(ledger, clock, event_id="evt_1"):
    token = claim(ledger, clock, event_id).token
    assert ledger.mark_processed(event_id, token, clock.now(), clock.now() + PROCESSED_RETENTION, "updated")


def test_the_first_claim_wins_and_a_second_sees_it_in_progress(ledger, clock):
    first = claim(ledger, clock)
    assert first.status is ClaimStatus.CLAIMED and first.token
    assert claim(ledger, clock).status is ClaimStatus.IN_PROGRESS
    assert ledger.status("evt_1", clock.now()) == "processing"


def test_a_processed_event_is_reported_processed(ledger, clock):
    processed(ledger, clock)
    clock.advance(days=3)
    assert claim(ledger, clock).status is ClaimStatus.PROCESSED


def test_a_released_claim_can_be_claimed_again_at_once(ledger, clock):
    token = claim(ledger, clock).token
    ledger.release("evt_1", token)
    assert ledger.status("evt_1", clock.now()) is None
    assert claim(ledger, clock).status is ClaimStatus.CLAIMED


def test_a_crashed_claim_is_taken_over_when_its_lease_runs_out(ledger, clock):
    stale = claim(ledger, clock)
    clock.advance(seconds=CLAIM_LEASE.total_seconds() + 1)
    fresh = claim(ledger, clock)
    assert fresh.status is ClaimStatus.CLAIMED and fresh.token != stale.token
    assert not ledger.mark_processed("evt_1", stale.token, clock.now(), clock.now(), "late")
    ledger.release("evt_1", stale.token)  # the old holder cannot drop the new claim
    assert ledger.status("evt_1", clock.now()) == "processing"


def test_a_processed_record_expires_after_the_retention_without_a_ttl_sweep(ledger, clock):
    processed(ledger, clock)
    clock.advance(seconds=PROCESSED_RETENTION.total_seconds() + 1)
    assert ledger.status("evt_1", clock.now()) is None
    assert claim(ledger, clock).status is ClaimStatus.CLAIMED


def test_events_are_independent(ledger, clock):
    processed(ledger, clock, "evt_a")
    assert claim(ledger, clock, "evt_b").status is ClaimStatus.CLAIMED


def test_concurrent_claims_have_exactly_one_winner(ledger, clock):
    with ThreadPoolExecutor(max_workers=8) as pool:
        claims = list(pool.map(lambda _: claim(ledger, clock), range(16)))
    assert [c.status for c in claims].count(ClaimStatus.CLAIMED) == 1


def test_mongo_has_a_unique_event_index_and_a_ttl_index(database):
    MongoWebhookEventRepository(database)
    indexes = database["stripe_webhook_events"].index_information()
    assert indexes["stripe_event_id_1"]["unique"] is True
    assert indexes["expires_at_1"]["expireAfterSeconds"] == 0


def test_mongo_record_keeps_what_an_operator_needs(database, clock):
    ledger = MongoWebhookEventRepository(database)
    processed(ledger, clock)
    document = database["stripe_webhook_events"].find_one({"stripe_event_id": "evt_1"})
    assert document["status"] == "processed" and document["outcome"] == "updated"
    assert document["expires_at"] == clock.now() + PROCESSED_RETENTION
    assert "lease_expires_at" not in document and document["attempts"] == 1


def test_retention_outlives_stripes_three_day_retry_window_and_a_claim_outlives_the_function():
    assert timedelta(days=3) < PROCESSED_RETENTION
    template = load_template()
    function = template["Resources"]["WebhooksFunction"]["Properties"]
    timeout = function.get("Timeout", template["Globals"]["Function"]["Timeout"])
    assert timedelta(seconds=timeout) < CLAIM_LEASE, "a live delivery's claim must not expire under it"
