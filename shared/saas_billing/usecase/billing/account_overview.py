"""What the account page shows of billing: the subscription it is on, the last one that ended, and
whether any of its subscriptions needs a person (a second paid one). From MongoDB only."""

from __future__ import annotations

from dataclasses import dataclass

from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES, SavedSubscription
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter, SubscriptionRepository

# An account has one subscription, or two when a payment raced past the checkout guard; a few more
# are read so an old flagged one still shows.
LOOKED_AT = 10


@dataclass(frozen=True)
class AccountBilling:
    current: SavedSubscription | None
    last_ended: SavedSubscription | None
    attention: bool


class AccountOverview:
    def __init__(self, repository: SubscriptionRepository) -> None:
        self._repository = repository

    def execute(self, account_id: str) -> AccountBilling:
        recent = self._repository.list(SubscriptionFilter(account_id=account_id), limit=LOOKED_AT).items
        live = [s for s in recent if s.status not in TERMINAL_STATUSES]
        ended = [s for s in recent if s.status in TERMINAL_STATUSES]
        return AccountBilling(
            current=live[0] if live else None,
            last_ended=ended[0] if ended else None,
            attention=any(s.attention for s in live) or len(live) > 1,
        )
