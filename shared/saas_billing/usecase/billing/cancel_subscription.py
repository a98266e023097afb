"""Cancels at Stripe (now or at period end) and stores what Stripe answered."""

from __future__ import annotations

from saas_billing.domain.ids import require_id
from saas_billing.domain.schemas.billing.subscription import SavedSubscription
from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
from saas_billing.infra.mixins.clock import Clock
from saas_billing.repo.interface.subscription_repository import SubscriptionRepository
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.billing.subscriptions import GetSubscription


class CancelSubscription:
    def __init__(
        self,
        gateway: SubscriptionGateway,
        repository: SubscriptionRepository,
        record: RecordSubscription,
        clock: Clock,
    ) -> None:
        self._gateway = gateway
        self._repository = repository
        self._record = record
        self._clock = clock

    def execute(
        self, subscription_id: str, at_period_end: bool, account_id: str | None = None
    ) -> SavedSubscription:
        """With an `account_id`, only that owner's saved subscription can be canceled (seam for accounts)."""
        require_id(subscription_id, "subscription")
        if account_id is not None:
            GetSubscription(self._repository).execute(subscription_id, account_id)
        observed_at = self._clock.now().timestamp()
        snapshot = self._gateway.cancel_subscription(subscription_id, at_period_end, observed_at)
        # A webhook may already have stored a newer view; either way the stored document is the answer.
        return self._record.execute_and_read(snapshot)
