"""Refuses logins after too many recent failures for the same email or from the same client IP.

While a key is locked no password is checked and no failure is recorded, so the lock lifts on
schedule; Retry-After says when the oldest failure that keeps it locked will have expired.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from saas_billing.domain.auth_errors import LoginThrottled
from saas_billing.domain.schemas.auth.device_session import fingerprint
from saas_billing.repo.interface.login_failure_repo import LoginFailureRepository


@dataclass(frozen=True)
class ThrottlePolicy:
    window: timedelta
    max_per_email: int
    max_per_ip: int


class LoginThrottle:
    def __init__(self, failures: LoginFailureRepository, policy: ThrottlePolicy) -> None:
        self._failures = failures
        self._policy = policy

    def check(self, email: str, client_ip: str | None, now: datetime) -> None:
        limits = [(_email_key(email), self._policy.max_per_email)]
        if client_ip:
            limits.append((_ip_key(client_ip), self._policy.max_per_ip))
        waits = []
        for key, limit in limits:
            expiries = self._failures.latest_expiries(key, now, limit)
            if len(expiries) >= limit:
                waits.append((expiries[-1] - now).total_seconds())
        if waits:
            raise LoginThrottled(retry_after_seconds=math.ceil(max(waits)))

    def record_failure(self, email: str, client_ip: str | None, now: datetime) -> None:
        keys = [_email_key(email)] + ([_ip_key(client_ip)] if client_ip else [])
        self._failures.record(keys, now, now + self._policy.window)

    def record_success(self, email: str) -> None:
        self._failures.clear(_email_key(email))


def _email_key(email: str) -> str:
    return "email:" + fingerprint(email)  # the counter collection holds no addresses


def _ip_key(client_ip: str) -> str:
    return "ip:" + client_ip
