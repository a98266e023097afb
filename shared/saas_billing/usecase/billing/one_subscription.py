"""One subscription per account: no new Checkout while one has not ended, and one open session at most.

The account's reservation names the request (by its idempotency key) that may open a session. A new
request first expires at Stripe the session the reservation names, then takes the reservation over
atomically (only if it still names that request), so of two checkouts started by one account only the
latest can be paid. Expiring before the takeover means a failed expire (Stripe down, a crash) leaves
the reservation naming the old session, and the next checkout expires it again: no session is ever
forgotten while payable. A double click repeats the key and gets the same session. If the old session
was paid meanwhile, the new checkout is refused and the reservation keeps naming it, so a retry before
the webhook lands is refused too. A payment that still gets through (Stripe racing us) is recorded by
the webhook and flagged (RecordSubscription).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from saas_billing.domain.errors import CheckoutInProgress, CheckoutSessionNotFound, SubscriptionExists
from saas_billing.domain.schemas.billing.checkout_reservation import CheckoutReservation
from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES
from saas_billing.usecase.billing.current_subscription import CurrentSubscription

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import CheckoutSession
    from saas_billing.infra.external_api.interface.checkout_gateway import CheckoutGateway
    from saas_billing.repo.interface.checkout_reservation_repository import CheckoutReservationRepository
    from saas_billing.repo.interface.subscription_repository import SubscriptionRepository

# How long a claim that has not opened its session yet holds the account (a crashed request frees it).
CLAIM_SECONDS = 60
# Stripe's default session lifetime, for a session whose expiry Stripe did not tell.
SESSION_SECONDS = 24 * 3600


class OneSubscriptionPerAccount:
    def __init__(
        self,
        subscriptions: SubscriptionRepository,
        reservations: CheckoutReservationRepository,
        checkout: CheckoutGateway,
    ) -> None:
        self._subscriptions = subscriptions
        self._reservations = reservations
        self._checkout = checkout

    def refuse_if_subscribed(self, account_id: str) -> None:
        current = CurrentSubscription(self._subscriptions).execute(account_id)
        if current is not None:
            raise SubscriptionExists(current.id)

    def open(
        self, account_id: str, key: str, now: datetime, create: Callable[[], CheckoutSession]
    ) -> CheckoutSession:
        """Runs `create` only while this request holds the account's reservation."""
        held = self._reservations.get(account_id, now)
        # The same key again (a double click, a client's retry) needs no claim: Stripe's idempotency answers
        # it with the same session, or refuses other parameters under that key (409).
        if held is None or held.key != key:
            self._claim(account_id, key, now, held)
        try:
            session = create()
        except Exception:
            if held is None or held.key != key:  # a claim of our own that opened nothing
                self._reservations.release(account_id, key)
            raise
        expires_at = (
            datetime.fromtimestamp(session.expires_at, UTC)
            if session.expires_at
            else now + timedelta(seconds=SESSION_SECONDS)
        )
        self._reservations.attach(account_id, key, session.id, session.url, expires_at)
        return session

    def _claim(self, account_id: str, key: str, now: datetime, held: CheckoutReservation | None) -> None:
        # A live claim that has no session yet belongs to a request in flight: never taken over.
        replacing = held.key if held is not None and held.session_id else None
        if held is not None and held.session_id:
            self._expire(held.session_id)  # raises with the reservation untouched: retried next time
        claim = CheckoutReservation(account_id, key, now + timedelta(seconds=CLAIM_SECONDS))
        if not self._reservations.claim(claim, now, replacing):
            raise CheckoutInProgress()

    def _expire(self, session_id: str) -> None:
        try:
            closed = self._checkout.expire_checkout_session(session_id)
        except CheckoutSessionNotFound:
            return  # Stripe no longer has it: nothing left that could be paid
        if closed.status == "complete" and not self._ended(closed.subscription_id):
            raise SubscriptionExists(closed.subscription_id or session_id)

    def _ended(self, subscription_id: str | None) -> bool:
        saved = self._subscriptions.get(subscription_id) if subscription_id else None
        return saved is not None and saved.status in TERMINAL_STATUSES
