"""Per-account Checkout reservations: at most one live per account, taken over atomically."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout_reservation import CheckoutReservation


class CheckoutReservationRepository(ABC):
    @abstractmethod
    def get(self, account_id: str, now: datetime) -> CheckoutReservation | None:
        """The account's live reservation (one past `expires_at` counts as none)."""

    @abstractmethod
    def claim(self, claim: CheckoutReservation, now: datetime, replacing: str | None) -> bool:
        """Takes the account's reservation in one atomic step when none is live, or when the live one is
        still the one held under the key `replacing`; False when another request got there first."""

    @abstractmethod
    def attach(self, account_id: str, key: str, session_id: str, url: str, expires_at: datetime) -> None:
        """Records the session the holder of `key` opened, live until the session expires."""

    @abstractmethod
    def release(self, account_id: str, key: str) -> None:
        """Gives up a claim that opened nothing (only if `key` still holds it)."""
