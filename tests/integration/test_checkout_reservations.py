"""Checkout reservations in MongoDB (and the dict fake, by the same tests): one live per account, taken by
one atomic claim; expiry is checked in the queries, not left to the TTL sweep."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from saas_billing.domain.schemas.billing.checkout_reservation import CheckoutReservation
from saas_billing.repo.mongodb.checkout_reservation_repository import MongoCheckoutReservationRepository
from tests.fakes.checkout_reservation_repository import InMemoryCheckoutReservationRepository
from tests.fakes.clock import FakeClock


@pytest.fixture(params=["mongo", "fake"])
def reservations(request, database):
    if request.param == "fake":
        return InMemoryCheckoutReservationRepository()
    return MongoCheckoutReservationRepository(database)


def claim(key: str, now, seconds: int = 60) -> CheckoutReservation:
    return CheckoutReservation("acct_1", key, now + timedelta(seconds=seconds))


def test_a_live_claim_holds_until_it_expires_and_expiry_is_read_from_the_query(reservations):
    now = FakeClock().now()
    assert reservations.claim(claim("k1", now), now, replacing=None)
    assert not reservations.claim(claim("k2", now), now, replacing=None)
    assert not reservations.claim(claim("k2", now), now, replacing="someone-else")
    assert reservations.get("acct_1", now).key == "k1"
    later = now + timedelta(seconds=61)  # the document is still there: the sweep has not run
    assert reservations.get("acct_1", later) is None
    assert reservations.claim(claim("k2", later), later, replacing=None)
    assert reservations.get("acct_1", later).key == "k2"


def test_the_holder_attaches_its_session_and_a_later_request_takes_over_by_its_key(reservations):
    now = FakeClock().now()
    reservations.claim(claim("k1", now), now, replacing=None)
    reservations.attach(
        "acct_1", "k2", "cs_test_other", "https://x", now + timedelta(hours=24)
    )  # not the holder
    assert reservations.get("acct_1", now).session_id is None
    reservations.attach("acct_1", "k1", "cs_test_1", "https://pay/1", now + timedelta(hours=24))
    held = reservations.get("acct_1", now + timedelta(hours=1))
    assert (held.session_id, held.url) == ("cs_test_1", "https://pay/1")
    assert reservations.claim(claim("k2", now), now, replacing="k1")
    assert reservations.get("acct_1", now).session_id is None
    reservations.release("acct_1", "k1")  # not the holder any more: nothing happens
    assert reservations.get("acct_1", now).key == "k2"
    reservations.release("acct_1", "k2")
    assert reservations.get("acct_1", now) is None


def test_of_many_concurrent_claims_exactly_one_wins(reservations):
    now = FakeClock().now()
    barrier = threading.Barrier(6)
    won: list[str] = []

    def attempt(key: str) -> None:
        barrier.wait()
        if reservations.claim(claim(key, now), now, replacing=None):
            won.append(key)

    threads = [threading.Thread(target=attempt, args=(f"k{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1 and reservations.get("acct_1", now).key == won[0]
