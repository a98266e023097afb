"""Register and throttled login against in-memory repositories."""

from __future__ import annotations

from datetime import timedelta

import pytest

from saas_billing.domain.auth_errors import (
    EmailAlreadyRegistered,
    InvalidCredentials,
    LoginThrottled,
    PasswordTooShort,
    SignupThrottled,
)
from saas_billing.domain.schemas.auth.device_session import ClientKind
from saas_billing.usecase.auth.login_throttle import ThrottlePolicy
from tests.support.auth_kit import PASSWORD, Kit, new_kit


@pytest.fixture
def kit():
    return new_kit()


def test_register_normalizes_the_email_and_makes_a_plain_user(kit):
    user = kit.users.by_email("ada@example.com")
    assert user is not None and user.role == "user" and not user.is_admin
    assert kit.hasher.verify(user.password_hash, PASSWORD)


def test_register_refuses_a_taken_email_in_any_case_and_short_passwords(kit):
    with pytest.raises(EmailAlreadyRegistered):
        kit.register.execute("ADA@example.COM", "another long one")
    with pytest.raises(PasswordTooShort, match="at least 10 characters"):
        kit.register.execute("lin@example.com", "123456789")


def test_unknown_email_and_wrong_password_fail_alike_and_both_cost_a_verification(kit):
    with pytest.raises(InvalidCredentials) as wrong_password:
        kit.sign_in(password="nope nope nope")
    with pytest.raises(InvalidCredentials) as unknown:
        kit.sign_in(email="nobody@example.com")
    assert wrong_password.value.detail == unknown.value.detail
    assert kit.hasher.dummy_verifications == 1


def test_login_is_case_insensitive_and_stores_hashes_only(kit):
    tokens = kit.sign_in(email="ADA@EXAMPLE.COM")
    session = kit.sessions.sessions[tokens.device_id]
    assert session.refresh_token_hash == tokens.refresh_token_hash != tokens.refresh_token
    assert session.access_jti_hash == tokens.access_jti_hash != tokens.access_jti
    assert session.token_type is ClientKind.BROWSER
    assert session.refresh_expiry == kit.clock.now().replace(microsecond=0) + timedelta(days=30)


def test_failures_per_email_lock_with_a_retry_after_then_unlock(kit):
    for _ in range(5):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(password="wrong password")
    kit.clock.advance(minutes=5)
    with pytest.raises(LoginThrottled) as locked:
        kit.sign_in()  # even the right password
    assert locked.value.retry_after_seconds == 10 * 60
    kit.clock.advance(minutes=10)
    assert kit.sign_in().device_id


def wrong_passwords(kit, count, minutes_apart=0):
    for _ in range(count):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(password="wrong password")
        kit.clock.advance(minutes=minutes_apart)


def test_retry_after_waits_for_the_oldest_failure_that_keeps_the_lock(kit):
    wrong_passwords(kit, 5, minutes_apart=1)  # expiring 15, 16, ... 19 minutes from the first
    with pytest.raises(LoginThrottled) as locked:
        kit.sign_in()
    assert locked.value.retry_after_seconds == 10 * 60  # now + 10 min = 15 min from the first


def test_retry_after_counts_only_the_failures_over_a_lowered_limit():
    """Seven failures kept under a limit of 10; the limit is then 5: two must expire, not all seven."""
    kit = Kit(max_per_email=10)
    kit.register.execute("ada@example.com", PASSWORD)
    wrong_passwords(kit, 7, minutes_apart=1)
    lowered = Kit(max_per_email=5, failures=kit.failures)
    lowered.clock.current = kit.clock.current
    lowered.register.execute("ada@example.com", PASSWORD)
    with pytest.raises(LoginThrottled) as locked:
        lowered.sign_in()
    assert locked.value.retry_after_seconds == 10 * 60  # when the third failure expires


def test_a_successful_login_clears_the_earlier_failures_of_its_email(kit):
    wrong_passwords(kit, 4)
    assert kit.sign_in().device_id
    wrong_passwords(kit, 5)  # a fresh count: five more wrong passwords before the lock
    with pytest.raises(LoginThrottled):
        kit.sign_in()


def test_failures_per_ip_lock_across_emails():
    kit = Kit(max_per_ip=3)
    for n in range(3):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(email=f"user{n}@example.com")
    with pytest.raises(LoginThrottled):
        kit.sign_in(email="someone.else@example.com")
    with pytest.raises(InvalidCredentials):
        kit.sign_in(email="someone.else@example.com", ip="198.51.100.7")


def test_successful_logins_leave_nothing_counted_against_the_ip():
    kit = Kit(max_per_ip=2)
    kit.register.execute("ada@example.com", PASSWORD)
    for _ in range(3):
        kit.sign_in()
    assert kit.failures.failures == {}


def test_sign_ups_per_ip_are_throttled_taken_emails_included():
    kit = Kit(max_per_ip=3)
    kit.register.execute("ada@example.com", PASSWORD, client_ip="198.51.100.7")
    for _ in range(2):
        with pytest.raises(EmailAlreadyRegistered):  # still a 409, but each probe counts
            kit.register.execute("ada@example.com", PASSWORD, client_ip="198.51.100.7")
    kit.clock.advance(minutes=5)
    with pytest.raises(SignupThrottled) as throttled:
        kit.register.execute("lin@example.com", PASSWORD, client_ip="198.51.100.7")
    assert throttled.value.retry_after_seconds == 10 * 60
    assert kit.users.by_email("lin@example.com") is None
    kit.register.execute("lin@example.com", PASSWORD, client_ip="203.0.113.8")  # another address
    assert kit.sign_in(ip="198.51.100.7").device_id  # logins from it are not affected
    kit.clock.advance(minutes=10)
    kit.register.execute("grace@example.com", PASSWORD, client_ip="198.51.100.7")


def test_a_login_upgrades_a_hash_made_at_an_old_cost(kit, monkeypatch):
    user = kit.users.by_email("ada@example.com")
    monkeypatch.setattr(kit.hasher, "needs_rehash", lambda stored: True)
    monkeypatch.setattr(kit.hasher, "hash", lambda password: "plain$" + password + "$v2")
    monkeypatch.setattr(kit.hasher, "verify", lambda stored, password: stored.startswith("plain$" + password))
    kit.sign_in()
    assert kit.users.get(user.id).password_hash.endswith("$v2")


def test_failures_from_many_addresses_slow_the_owner_down_but_never_refuse_the_right_password(kit):
    for n in range(30):  # six addresses, each stopping at its own limit of five
        with pytest.raises(InvalidCredentials):
            kit.sign_in(password="wrong password", ip=f"198.51.100.{n // 5}")
    with pytest.raises(LoginThrottled):
        kit.sign_in(password="wrong password", ip="198.51.100.0")  # that pair is spent
    assert kit.clock.slept[:1] == [0.5] and kit.clock.slept == sorted(kit.clock.slept)
    before = len(kit.clock.slept)
    assert kit.sign_in(ip="192.0.2.99").device_id  # the owner, from a fresh address
    assert kit.clock.slept[before:] == [ThrottlePolicy.max_delay_seconds]  # the doubling delay, capped


def test_a_device_that_holds_a_session_of_the_account_skips_the_delay(kit):
    for n in range(25):
        with pytest.raises(InvalidCredentials):
            kit.sign_in(password="wrong password", ip=f"198.51.100.{n // 5}")
    before = len(kit.clock.slept)
    ada = kit.users.by_email("ada@example.com")
    _, tokens = kit.login.execute(
        "ada@example.com",
        PASSWORD,
        client_ip="192.0.2.1",
        user_agent="t",
        kind=ClientKind.API,
        signed_in_user_id=ada.id,
    )
    assert tokens.device_id and len(kit.clock.slept) == before
