"""Dict-backed issued Checkout Sessions for unit tests; the same rules as the Mongo one."""

from __future__ import annotations

from datetime import datetime

from saas_billing.domain.schemas.billing.issued_checkout import IssuedCheckoutSession
from saas_billing.repo.interface.checkout_session_repository import CheckoutSessionRepository


class InMemoryCheckoutSessionRepository(CheckoutSessionRepository):
    def __init__(self) -> None:
        self.sessions: dict[str, IssuedCheckoutSession] = {}

    def add(self, session: IssuedCheckoutSession) -> None:
        self.sessions.setdefault(session.id, session)

    def get(self, session_id: str, now: datetime) -> IssuedCheckoutSession | None:
        session = self.sessions.get(session_id)
        return session if session and session.expires_at > now else None
