"""The checkout guard when Stripe fails while it expires the previous session: the reservation keeps
naming the old session, so the next checkout expires it and never leaves two payable sessions
(reservations in the dict fake and in MongoDB, either tier)."""

from __future__ import annotations

import pytest

from saas_billing.domain.errors import SubscriptionExists
from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
from saas_billing.infra.exception.errors import UpstreamError
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.repo.mongodb.checkout_reservation_repository import MongoCheckoutReservationRepository
from saas_billing.usecase.billing.one_subscription import OneSubscriptionPerAccount
from tests.fakes.checkout_reservation_repository import InMemoryCheckoutReservationRepository
from tests.fakes.subscription_repository import InMemorySubscriptionRepository

ACCOUNT = "acct_ada"


class FailingExpire(InMemoryGateway):
    """Stripe answers the next `failures` expire calls with this error (a 5xx, a timeout, a 404)."""

    def __init__(self) -> None:
        super().__init__()
        self.failures: list[Exception] = []

    def expire_checkout_session(self, session_id: str):
        if self.failures:
            raise self.failures.pop(0)
        return super().expire_checkout_session(session_id)


@pytest.fixture(params=["fake", "mongo"])
def reservations(request):
    if request.param == "fake":
        return InMemoryCheckoutReservationRepository()
    return MongoCheckoutReservationRepository(request.getfixturevalue("database"))


@pytest.fixture
def stripe() -> FailingExpire:
    return FailingExpire()


@pytest.fixture
def open_checkout(stripe, reservations, clock):
    guard = OneSubscriptionPerAccount(InMemorySubscriptionRepository(), reservations, stripe)

    def open_checkout(key: str) -> str:
        request = CheckoutRequest("price_pro_monthly", "https://x/ok", "https://x/no", key, "ada@example.com")
        return guard.open(ACCOUNT, key, clock.now(), lambda: stripe.create_checkout_session(request)).id

    return open_checkout


def payable(stripe) -> list[str]:
    return [s["id"] for s in stripe.state.checkout_sessions.values() if s["status"] == "open"]


@pytest.mark.parametrize("failure", [UpstreamError("Stripe timed out"), UpstreamError("rate limited")])
def test_a_failed_expire_is_retried_by_the_next_checkout_so_one_session_stays_payable(stripe, open_checkout, clock, failure):  # fmt: skip
    first = open_checkout("key-a")
    stripe.failures.append(failure)
    with pytest.raises(UpstreamError):
        open_checkout("key-b")
    assert payable(stripe) == [first], "nothing opened while the old session could not be expired"
    clock.advance(seconds=70)  # past any claim a failed request could have left behind
    latest = open_checkout("key-c")
    assert stripe.state.checkout_sessions[first]["status"] == "expired"
    assert payable(stripe) == [latest]


def test_right_after_a_failed_expire_the_account_is_not_held_for_the_claim_time(stripe, open_checkout):
    first = open_checkout("key-a")
    stripe.failures.append(UpstreamError("Stripe 503"))
    with pytest.raises(UpstreamError):
        open_checkout("key-b")
    retried = open_checkout("key-b")  # the client's retry, at once: no 409 for a minute
    assert stripe.state.checkout_sessions[first]["status"] == "expired" and payable(stripe) == [retried]


def test_a_session_stripe_no_longer_has_leaves_nothing_to_expire_and_the_checkout_proceeds(stripe, open_checkout):  # fmt: skip
    first = open_checkout("key-a")
    del stripe.state.checkout_sessions[first]  # Stripe answers 404 for it (CheckoutSessionNotFound)
    latest = open_checkout("key-b")
    assert payable(stripe) == [latest]
    again = open_checkout("key-c")  # and the guard goes on with the new session
    assert payable(stripe) == [again]


def test_a_paid_session_refuses_every_retry_until_the_webhook_records_it(stripe, open_checkout, reservations, clock):  # fmt: skip
    first = open_checkout("key-a")
    stripe.complete_checkout(first)  # paid; the webhook has not landed yet
    for key in ("key-b", "key-b", "key-c"):
        with pytest.raises(SubscriptionExists):
            open_checkout(key)
    assert reservations.get(ACCOUNT, clock.now()).session_id == first, "the paid session is still named"
    assert payable(stripe) == [], "no second session to pay"
