"""ReceiveStripeEvent with fakes: claim, apply, mark processed; release on failure."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.webhooks.stripe_event import (
    CLAIM_LEASE,
    PROCESSED_RETENTION,
    ReceiveResult,
    StripeEvent,
)
from saas_billing.domain.webhook_errors import EventInProgress, WebhookProcessingFailed
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.stripe_object_reader import StripeShapeReader
from saas_billing.infra.fastapi_config.error_responses import status_of
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.webhooks.apply_stripe_event import ApplyStripeEvent
from saas_billing.usecase.webhooks.receive_stripe_event import ReceiveStripeEvent
from tests.fakes.billing_notice_repository import InMemoryBillingNoticeRepository
from tests.fakes.clock import FakeClock
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.fakes.webhook_event_repository import InMemoryWebhookEventRepository
from tests.support.webhooks import T, subscription_object

EVENT = StripeEvent("evt_1", "customer.subscription.updated", T, subscription_object())


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def ledger():
    return InMemoryWebhookEventRepository()


@pytest.fixture
def subscriptions():
    return InMemorySubscriptionRepository()


@pytest.fixture
def receive(ledger, subscriptions, clock):
    record = RecordSubscription(subscriptions, clock)
    notices = InMemoryBillingNoticeRepository()
    apply = ApplyStripeEvent(record, subscriptions, notices, InMemoryGateway(), StripeShapeReader(), clock)
    return ReceiveStripeEvent(ledger, apply, clock)


def test_applied_once_then_duplicate(receive, ledger, clock):
    assert receive.execute(EVENT) is ReceiveResult.APPLIED
    assert receive.execute(EVENT) is ReceiveResult.DUPLICATE
    assert ledger.records["evt_1"]["outcome"] == "created"
    assert ledger.records["evt_1"]["expires_at"] == clock.now() + PROCESSED_RETENTION


def test_an_unhandled_type_touches_nothing(receive, ledger):
    assert receive.execute(StripeEvent("evt_2", "balance.available", T, {})) is ReceiveResult.IGNORED
    assert ledger.records == {}


def test_a_live_claim_elsewhere_is_a_conflict(receive, ledger, clock):
    ledger.claim("evt_1", EVENT.type, clock.now(), clock.now() + CLAIM_LEASE)
    with pytest.raises(EventInProgress) as error:
        receive.execute(EVENT)
    assert status_of(error.value) == 409


def test_a_failure_releases_the_claim_and_the_retry_applies(receive, ledger, subscriptions, monkeypatch):
    monkeypatch.setattr(subscriptions, "apply", lambda *a: (_ for _ in ()).throw(RuntimeError("db down")))
    with pytest.raises(WebhookProcessingFailed) as error:
        receive.execute(EVENT)
    assert status_of(error.value) == 500 and "evt_1" in error.value.detail
    assert ledger.records == {}
    monkeypatch.undo()
    assert receive.execute(EVENT) is ReceiveResult.APPLIED


def test_a_crashed_delivery_is_retried_after_its_lease(receive, ledger, clock):
    ledger.claim("evt_1", EVENT.type, clock.now(), clock.now() + CLAIM_LEASE)
    clock.advance(seconds=CLAIM_LEASE.total_seconds() + 1)
    assert receive.execute(EVENT) is ReceiveResult.APPLIED
    assert ledger.records["evt_1"]["attempts"] == 2


def test_a_replay_after_the_retention_is_harmless(receive, subscriptions, clock):
    receive.execute(EVENT)
    clock.advance(seconds=PROCESSED_RETENTION.total_seconds() + 1)
    assert receive.execute(EVENT) is ReceiveResult.APPLIED  # processed again, but...
    assert subscriptions.get("sub_1").stripe_observed_at == T  # ...the ordering rule made it a no-op
