"""Dict-backed Checkout reservations for unit tests; the same claim rule as the Mongo one."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import datetime

from saas_billing.domain.schemas.billing.checkout_reservation import CheckoutReservation
from saas_billing.repo.interface.checkout_reservation_repository import CheckoutReservationRepository


class InMemoryCheckoutReservationRepository(CheckoutReservationRepository):
    def __init__(self) -> None:
        self.reservations: dict[str, CheckoutReservation] = {}
        self._lock = threading.Lock()

    def get(self, account_id: str, now: datetime) -> CheckoutReservation | None:
        held = self.reservations.get(account_id)
        return held if held and held.expires_at > now else None

    def claim(self, claim: CheckoutReservation, now: datetime, replacing: str | None) -> bool:
        with self._lock:
            held = self.reservations.get(claim.account_id)
            if held and held.expires_at > now and (replacing is None or held.key != replacing):
                return False
            self.reservations[claim.account_id] = claim
            return True

    def attach(self, account_id: str, key: str, session_id: str, url: str, expires_at: datetime) -> None:
        with self._lock:
            held = self.reservations.get(account_id)
            if held and held.key == key:
                self.reservations[account_id] = replace(
                    held, session_id=session_id, url=url, expires_at=expires_at
                )

    def release(self, account_id: str, key: str) -> None:
        with self._lock:
            if (held := self.reservations.get(account_id)) and held.key == key:
                del self.reservations[account_id]
