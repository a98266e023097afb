"""Where accounts are kept."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import Role, User


class UserRepository(ABC):
    @abstractmethod
    def add(self, user: User) -> None:
        """Raises EmailAlreadyRegistered when the (normalized) email is taken."""

    @abstractmethod
    def get(self, user_id: str) -> User | None: ...

    @abstractmethod
    def by_email(self, email: str) -> User | None:
        """`email` is already normalized."""

    @abstractmethod
    def set_role(self, user_id: str, role: Role) -> None: ...

    @abstractmethod
    def set_password_hash(self, user_id: str, password_hash: str) -> None: ...

    @abstractmethod
    def mark_credentials_changed(self, user_id: str, at: datetime) -> None:
        """Records a password reset or change, admin promotion or email change (User.credentials_changed_at)."""

    @abstractmethod
    def mark_verified(self, user_id: str, email: str) -> bool:
        """Marks the email verified only if it is still the account's address. True if it is."""

    @abstractmethod
    def change_email(self, user_id: str, new_email: str) -> None:
        """Replaces the address with a verified one; raises EmailAlreadyRegistered when it is taken."""

    @abstractmethod
    def claim_stripe_customer(
        self, user_id: str, customer_id: str, replacing: str | None = None
    ) -> str | None:
        """Stores `customer_id` only if the account still holds `replacing` (None: no customer yet).

        One atomic compare-and-set, so of two concurrent first checkouts exactly one customer is kept.
        Returns the customer id stored afterwards (the winner's), or None for an unknown account.
        """
