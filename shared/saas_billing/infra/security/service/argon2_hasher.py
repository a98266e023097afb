"""argon2id through argon2-cffi; the cost comes from settings (default: RFC 9106 low-memory profile)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher as _Argon2
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from saas_billing.infra.security.interface.password_hasher import PasswordHasher


class Argon2PasswordHasher(PasswordHasher):
    def __init__(self, hasher: _Argon2 | None = None) -> None:
        self._hasher = hasher or _Argon2()
        self._dummy_hash: str | None = None

    @classmethod
    def with_cost(cls, *, time_cost: int, memory_kib: int, parallelism: int) -> Argon2PasswordHasher:
        return cls(_Argon2(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    def verify_dummy(self, password: str) -> None:
        if self._dummy_hash is None:
            self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))
        self.verify(self._dummy_hash, password)
