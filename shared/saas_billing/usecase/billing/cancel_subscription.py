"""Cancels at Stripe (now or at period end) and stores what Stripe answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.ids import require_id
from saas_billing.usecase.billing.subscription_update import SubscriptionUpdate

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription


class CancelSubscription(SubscriptionUpdate):
    def execute(
        self, subscription_id: str, at_period_end: bool, account_id: str | None = None
    ) -> SavedSubscription:
        """With an `account_id`, only that owner's saved subscription can be canceled."""
        require_id(subscription_id, "subscription")
        if account_id is not None:
            self._owned(subscription_id, account_id)
        snapshot = self._gateway.cancel_subscription(subscription_id, at_period_end, self._observed_at())
        return self._store(snapshot)
