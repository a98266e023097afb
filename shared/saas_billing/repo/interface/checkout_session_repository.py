"""The Checkout Sessions we issued; the usecase layer sees only this interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.issued_checkout import IssuedCheckoutSession


class CheckoutSessionRepository(ABC):
    @abstractmethod
    def add(self, session: IssuedCheckoutSession) -> None:
        """Records the session; recording the same id again (Stripe's idempotent replay) keeps the first."""

    @abstractmethod
    def get(self, session_id: str, now: datetime) -> IssuedCheckoutSession | None:
        """The session if we issued it and its record has not expired by `now`."""
