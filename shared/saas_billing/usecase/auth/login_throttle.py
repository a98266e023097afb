"""Refuses logins after too many recent failures for the same email or from the same client IP.

Each attempt is recorded before its password is checked, and counted with itself included: every
attempt sees those recorded before it, so of any number of parallel guesses at most the limit reach
the (slow) hash check. A refused attempt is forgotten at once: while a key is locked no password is
checked, nothing new is counted and the lock lifts on schedule; Retry-After says when the oldest
failure that keeps it locked will have expired. A failed attempt simply stays recorded.

Sign-ups are counted the same way per client IP, under their own key with the per-IP limit, and
every one stays counted: each tells whether an email is taken (409), so they are rationed too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from saas_billing.domain.auth_errors import LoginThrottled, SignupThrottled
from saas_billing.domain.schemas.auth.device_session import fingerprint
from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository


@dataclass(frozen=True)
class ThrottlePolicy:
    window: timedelta
    max_per_email: int
    max_per_ip: int


@dataclass(frozen=True)
class Attempt:
    """An admitted attempt: its records count as a failure unless it succeeds."""

    record_ids: list[str]


class LoginThrottle:
    def __init__(self, failures: LoginFailureRepository, policy: ThrottlePolicy) -> None:
        self._failures = failures
        self._policy = policy

    def admit(self, email: str, client_ip: str | None, now: datetime) -> Attempt:
        limits = [(email_key(email), self._policy.max_per_email)]
        if client_ip:
            limits.append((ip_key(client_ip), self._policy.max_per_ip))
        return Attempt(self._admit(limits, now, LoginThrottled))

    def admit_signup(self, client_ip: str | None, now: datetime) -> None:
        if client_ip:
            self._admit([(signup_key(client_ip), self._policy.max_per_ip)], now, SignupThrottled)

    def record_success(self, email: str, attempt: Attempt) -> None:
        self._failures.clear(email_key(email))
        self._failures.forget(attempt.record_ids)

    def _admit(
        self, limits: list[tuple[str, int]], now: datetime, refusal: type[LoginThrottled | SignupThrottled]
    ) -> list[str]:
        ids = self._failures.record([key for key, _ in limits], now, now + self._policy.window)
        waits = []
        for key, limit in limits:
            expiries = self._failures.latest_expiries(key, now, limit + 1)
            if len(expiries) > limit:  # this attempt, the latest, plus `limit` others
                waits.append((expiries[-1] - now).total_seconds())
        if waits:
            self._failures.forget(ids)
            raise refusal(retry_after_seconds=math.ceil(max(waits)))
        return ids


def email_key(email: str) -> str:
    return "email:" + fingerprint(email)  # the counter collection holds no addresses


def ip_key(client_ip: str) -> str:
    return "ip:" + client_ip


def signup_key(client_ip: str) -> str:
    return "signup:" + ip_key(client_ip)
