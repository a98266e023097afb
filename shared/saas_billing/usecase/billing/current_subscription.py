"""The subscription an account is on now, for its profile: the newest one that has not ended."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription
    from saas_billing.repo.interface.subscription_repository import SubscriptionRepository


class CurrentSubscription:
    def __init__(self, repository: SubscriptionRepository) -> None:
        self._repository = repository

    def execute(self, account_id: str) -> SavedSubscription | None:
        """None when the account never subscribed or every subscription was canceled (or expired unpaid)."""
        # Imported on the first read (the repository loads them then): declaring a route needs neither.
        from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES
        from saas_billing.repo.interface.subscription_repository import SubscriptionFilter

        where = SubscriptionFilter(account_id=account_id, excluded_statuses=TERMINAL_STATUSES)
        page = self._repository.list(where, limit=1)
        return page.items[0] if page.items else None
