"""The success page's work: for the session's owner only, read the paid session back from Stripe and record
its subscription.

Anyone holding the URL may load the page, so details (plan, status, email) go only to the signed-in
account the session was opened for. Stripe is called only for a session we issued to that account: an
anonymous flood of made-up or foreign ids never spends the account's Stripe rate limit.

Recording goes through RecordSubscription, so reloading the page or racing the webhook for the same
subscription always leaves one document, holding the newest view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from saas_billing.domain.errors import NotASubscriptionCheckout
from saas_billing.domain.ids import require_checkout_session_id

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import CheckoutResult
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription
    from saas_billing.infra.external_api.interface.checkout_gateway import CheckoutGateway
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.checkout_session_repository import CheckoutSessionRepository
    from saas_billing.usecase.billing.record_subscription import RecordSubscription


@dataclass(frozen=True)
class CheckoutConfirmation:
    session: CheckoutResult
    subscription: SavedSubscription | None  # None while the session is still unpaid


class ConfirmCheckout:
    def __init__(
        self,
        checkout: CheckoutGateway,
        record: RecordSubscription,
        clock: Clock,
        sessions: CheckoutSessionRepository,
    ) -> None:
        self._checkout = checkout
        self._record = record
        self._clock = clock
        self._sessions = sessions

    def execute(self, session_id: str | None, viewer_id: str | None) -> CheckoutConfirmation | None:
        """None when the viewer is not the session's owner (or we never issued it): a generic page."""
        require_checkout_session_id(session_id)
        assert session_id is not None
        if viewer_id is None:
            return None
        issued = self._sessions.get(session_id, self._clock.now())
        if issued is None or issued.account_id != viewer_id:
            return None
        # Taken before the call: everything Stripe changed up to this instant is in the answer.
        observed_at = self._clock.now().timestamp()
        session = self._checkout.retrieve_checkout_session(session_id, observed_at)
        if session.mode != "subscription":
            raise NotASubscriptionCheckout()
        if session.subscription is None:
            return CheckoutConfirmation(session=session, subscription=None)
        return CheckoutConfirmation(
            session=session, subscription=self._record.execute_and_read(session.subscription)
        )
