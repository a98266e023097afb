"""What the use cases need from a payment provider's hosted checkout."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import (
        CheckoutRequest,
        CheckoutResult,
        CheckoutSession,
        ClosedCheckout,
    )


class CheckoutGateway(ABC):
    @abstractmethod
    def create_checkout_session(self, request: CheckoutRequest) -> CheckoutSession:
        """A subscription-mode session for one price; the same idempotency key returns the same session."""

    @abstractmethod
    def retrieve_checkout_session(self, session_id: str, observed_at: float) -> CheckoutResult:
        """The session with its subscription, customer and bought plan, in one lookup; `observed_at` (fetch
        time) orders the snapshot.

        Raises CheckoutSessionNotFound for an unknown id.
        """

    @abstractmethod
    def expire_checkout_session(self, session_id: str) -> ClosedCheckout:
        """Makes an open session unpayable; one already complete or expired is reported as it is."""
