"""Limits password guessing without letting anyone lock an owner out.

Failed sign-ins are limited per (email, client address) and per client address: past either limit the
attempt is refused (429). Per email across all addresses there is no refusal, only a growing delay past
a higher figure: refusing there would let a few addresses lock anyone out (admins included), so the
owner signing in correctly from a fresh address still gets in, just slower. A device that still holds a
valid session of the account skips the delay.

Each attempt is recorded before its password is checked, and counted with itself included: every
attempt sees those recorded before it, so of any number of parallel guesses at most the limit reach
the (slow) hash check. A refused attempt is forgotten at once: while a key is locked no password is
checked, nothing new is counted and the lock lifts on schedule; Retry-After says when the oldest
failure that keeps it locked will have expired. A failed attempt simply stays recorded.

Sign-ups are counted per client IP under their own key with the per-IP limit, and every one stays
counted: each tells whether an email is taken (409). Mail requests (reset, resend verification, email
change) are counted per address and per email (email change also per account), and stay counted too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import LoginThrottled, MailThrottled, SignupThrottled
from saas_billing.domain.schemas.auth.fingerprint import fingerprint

if TYPE_CHECKING:
    from saas_billing.domain.errors import Throttled
    from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository

FIRST_DELAY_SECONDS = 0.5


@dataclass(frozen=True)
class ThrottlePolicy:
    window: timedelta
    max_per_email: int  # per (email, client address): the attacker's own pair
    max_per_ip: int
    slow_after_per_account: int = 20  # per email, all addresses: a doubling delay past this
    max_delay_seconds: float = 2.0  # see tests/unit/test_login_delay_budget.py
    max_mails_per_email: int = 3


@dataclass(frozen=True)
class Attempt:
    """An admitted attempt: its records count as a failure unless it succeeds."""

    record_ids: list[str]
    delay_seconds: float = 0.0


class LoginThrottle:
    def __init__(self, failures: LoginFailureRepository, policy: ThrottlePolicy) -> None:
        self._failures = failures
        self._policy = policy

    def admit(
        self, email: str, client_ip: str | None, now: datetime, *, trusted_device: bool = False
    ) -> Attempt:
        limits = [(pair_key(email, client_ip), self._policy.max_per_email)]
        if client_ip:
            limits.append((ip_key(client_ip), self._policy.max_per_ip))
        account = account_key(email)
        ids, latest = self._admit(limits, now, LoginThrottled, reads={account: self._delay_reads()})
        return Attempt(ids, 0.0 if trusted_device else self._delay(len(latest[account])))

    def admit_signup(self, client_ip: str | None, now: datetime) -> None:
        if client_ip:
            self._admit([(signup_key(client_ip), self._policy.max_per_ip)], now, SignupThrottled)

    def admit_mail(self, purpose: str, client_ip: str | None, now: datetime) -> None:
        """A mail request from this address (429 past the per-IP limit)."""
        if client_ip:
            self._admit(
                [(f"mail:{purpose}:" + ip_key(client_ip), self._policy.max_per_ip)], now, MailThrottled
            )

    def admit_account_mail(self, purpose: str, user_id: str, now: datetime) -> None:
        """A mail request by this signed-in account (429 past `max_mails_per_email`): its own limit,
        so one account cannot probe or mail many addresses."""
        key = f"mail:{purpose}:user:" + fingerprint(user_id)
        self._admit([(key, self._policy.max_mails_per_email)], now, MailThrottled)

    def mail_allowed(self, purpose: str, email: str, now: datetime) -> bool:
        """Whether one more mail of this kind may go to this address now; never raises, so a caller that
        must answer the same either way (forgot-password) can stay silent."""
        key = f"mail:{purpose}:" + account_key(email)
        try:
            self._admit([(key, self._policy.max_mails_per_email)], now, MailThrottled)
        except MailThrottled:
            return False
        return True

    def record_success(self, email: str, client_ip: str | None, attempt: Attempt) -> None:
        """The owner's own earlier failures from this address are forgiven; the account-wide count is
        not, or an attacker could reset it by waiting for the owner to sign in."""
        self._failures.forget_and_clear(attempt.record_ids, pair_key(email, client_ip))

    def _delay_reads(self) -> int:
        """How many of the account's failures the delay needs to see: past the cap, more change nothing."""
        doublings = math.ceil(math.log2(self._policy.max_delay_seconds / FIRST_DELAY_SECONDS)) + 1
        return self._policy.slow_after_per_account + doublings

    def _delay(self, count: int) -> float:
        slow_after = self._policy.slow_after_per_account
        if count <= slow_after:
            return 0.0
        return min(self._policy.max_delay_seconds, FIRST_DELAY_SECONDS * 2 ** (count - slow_after - 1))

    def _admit(
        self,
        limits: list[tuple[str, int]],
        now: datetime,
        refusal: type[Throttled],
        reads: dict[str, int] | None = None,
    ) -> tuple[list[str], dict[str, list[datetime]]]:
        """Records the attempt under every key (the limited ones and those of `reads`), then reads them
        all back in one go: two round trips, whatever the number of keys."""
        reads = reads or {}
        keys = [key for key, _ in limits] + list(reads)
        ids = self._failures.record(keys, now, now + self._policy.window)
        latest = self._failures.latest_expiries_of({key: limit + 1 for key, limit in limits} | reads, now)
        waits = []
        for key, limit in limits:
            expiries = latest[key]
            if len(expiries) > limit:  # this attempt, the latest, plus `limit` others
                waits.append((expiries[-1] - now).total_seconds())
        if waits:
            self._failures.forget(ids)
            raise refusal(retry_after_seconds=math.ceil(max(waits)))
        return ids, latest


def account_key(email: str) -> str:
    return "email:" + fingerprint(email)  # the counter collection holds no addresses


def pair_key(email: str, client_ip: str | None) -> str:
    return "email-ip:" + fingerprint(f"{email}|{client_ip or ''}")


def ip_key(client_ip: str) -> str:
    return "ip:" + client_ip


def signup_key(client_ip: str) -> str:
    return "signup:" + ip_key(client_ip)
