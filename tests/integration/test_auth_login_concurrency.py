"""Parallel guesses against one email from one address, with the in-memory and the MongoDB attempt store alike."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from saas_billing.domain.auth_errors import InvalidCredentials, LoginThrottled
from saas_billing.repo.mongodb.login_failure_repo import MongoLoginFailureRepository
from saas_billing.usecase.auth.login_throttle import pair_key
from tests.support.auth_kit import PASSWORD, Kit

GUESSES = 40


@pytest.fixture(params=["in_memory", "mongo"])
def kit(request):
    failures = None
    if request.param == "mongo":
        failures = MongoLoginFailureRepository(request.getfixturevalue("database"))
    kit = Kit(failures=failures)  # 5 per (email, address)
    kit.register.execute("ada@example.com", PASSWORD)
    return kit


def slow_counting_verify(kit, monkeypatch) -> list[str]:
    """Verification as slow as argon2, so every guess is in flight at once; returns the checked passwords."""
    checked, verify = [], kit.hasher.verify

    def slow(stored, password):
        checked.append(password)
        time.sleep(0.05)
        return verify(stored, password)

    monkeypatch.setattr(kit.hasher, "verify", slow)
    return checked


def test_parallel_guesses_never_get_more_password_checks_than_the_limit(kit, monkeypatch):
    checked = slow_counting_verify(kit, monkeypatch)
    barrier = threading.Barrier(GUESSES)

    def guess(n):
        barrier.wait()  # all threads start together
        try:
            kit.sign_in(password=f"guess number {n}", ip="198.51.100.1")
        except InvalidCredentials:
            return "checked"
        except LoginThrottled:
            return "throttled"

    with ThreadPoolExecutor(GUESSES) as pool:
        results = list(pool.map(guess, range(GUESSES)))
    assert 1 <= len(checked) <= 5 and results.count("checked") == len(checked)
    assert results.count("throttled") == GUESSES - len(checked)
    live = kit.failures.latest_expiries(pair_key("ada@example.com", "198.51.100.1"), kit.clock.now(), GUESSES)
    assert len(live) == len(checked), "refused attempts leave no record behind"


def test_a_locked_email_checks_no_password_even_in_parallel(kit, monkeypatch):
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(password="wrong password")
    checked = slow_counting_verify(kit, monkeypatch)
    barrier = threading.Barrier(10)

    def guess(n):
        barrier.wait()
        with pytest.raises(LoginThrottled) as locked:
            kit.sign_in(password=PASSWORD)  # the address that failed
        return locked.value.retry_after_seconds

    with ThreadPoolExecutor(10) as pool:
        assert set(pool.map(guess, range(10))) == {15 * 60}
    assert checked == []
