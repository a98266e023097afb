"""What an account may use now: its plan from the stored subscription, its features from the stored
entitlements. Both come from MongoDB (kept in sync by webhooks and reconciliation), never from Stripe."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementView
    from saas_billing.repo.interface.entitlement_repository import EntitlementRepository
    from saas_billing.usecase.billing.current_subscription import CurrentSubscription


class GetEntitlements:
    def __init__(
        self, entitlements: EntitlementRepository, current_subscription: CurrentSubscription
    ) -> None:
        self._entitlements = entitlements
        self._current_subscription = current_subscription

    def execute(self, account_id: str) -> EntitlementView:
        stored = self._entitlements.for_account(account_id)
        subscription = self._current_subscription.execute(account_id)
        # Imported here, once the reads above have loaded the schemas: declaring the route needs none.
        from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementView

        return EntitlementView(
            account_id=account_id,
            plan=subscription.product_id if subscription else None,
            price_id=subscription.price_id if subscription else None,
            status=subscription.status if subscription else None,
            features=tuple(sorted(stored.lookup_keys)) if stored else (),
            revision=stored.revision if stored else 0,
        )

    def revision(self, account_id: str) -> int:
        """The stored entitlements' revision alone (0 without any): one read, no subscription lookup."""
        stored = self._entitlements.for_account(account_id)
        return stored.revision if stored else 0
