"""What the webhook route needs from the payment provider: proof that a delivery is really from it."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.webhooks.stripe_event import StripeEvent

SIGNATURE_TOLERANCE_SECONDS = 300


class WebhookVerifier(ABC):
    @abstractmethod
    def verify(self, payload: bytes, signature_header: str | None) -> StripeEvent:
        """Check the signature over the exact raw body, then parse it.

        Raises InvalidWebhookSignature (missing, malformed, stale or wrong signature) or
        InvalidWebhookPayload (signed, but not a JSON Stripe event).
        """
