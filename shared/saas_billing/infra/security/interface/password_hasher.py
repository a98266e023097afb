"""Password hashing as the use cases need it; the argon2 implementation is imported only when used."""

from __future__ import annotations

from abc import ABC, abstractmethod


class PasswordHasher(ABC):
    @abstractmethod
    def hash(self, password: str) -> str: ...

    @abstractmethod
    def verify(self, password_hash: str, password: str) -> bool:
        """False for a wrong password or an unreadable hash; never raises for either."""

    @abstractmethod
    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with weaker parameters than the current ones."""

    @abstractmethod
    def verify_dummy(self, password: str) -> None:
        """Costs as much as a real verify, so an unknown email answers as slowly as a known one."""
