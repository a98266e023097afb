"""What every change of a subscription at Stripe shares: the owner check first, then Stripe's answer stored.

Stored state follows Stripe's answer (stamped when the answer came back) under the order-safe rule, and then the
webhooks as usual; a webhook that already stored a newer view wins, and the stored document is the answer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from saas_billing.domain.errors import SubscriptionEnded
from saas_billing.domain.ids import require_id
from saas_billing.usecase.billing.subscriptions import GetSubscription

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription, SubscriptionSnapshot
    from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.subscription_repository import SubscriptionRepository
    from saas_billing.usecase.billing.record_subscription import RecordSubscription


class SubscriptionUpdate:
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

    def _owned(self, subscription_id: str, account_id: str | None) -> SavedSubscription:
        """The stored subscription; someone else's is a 404 (SubscriptionNotFound), as if unknown."""
        return GetSubscription(self._repository).execute(
            require_id(subscription_id, "subscription"), account_id
        )

    def _live(self, subscription_id: str, account_id: str | None) -> SavedSubscription:
        saved = self._owned(subscription_id, account_id)
        if saved.is_terminal:
            raise SubscriptionEnded()
        return saved

    def _observed_at(self) -> float:
        return self._clock.now().timestamp()

    def _store(self, snapshot: SubscriptionSnapshot) -> SavedSubscription:
        """Stamped now, after Stripe answered (the gateway's stamp is the time we asked): an answer that
        came back later is never stored under an earlier time than one that came back sooner."""
        return self._record.execute_and_read(replace(snapshot, observed_at=self._observed_at()))
