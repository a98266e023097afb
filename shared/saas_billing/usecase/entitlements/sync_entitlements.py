"""Brings one customer's stored entitlements up to Stripe's view: from a summary webhook, listed now, or
emptied when the customer is deleted.

The account is the one linked to the customer. A summary is stamped with its event's `created`; a listing
with the time taken before it, so it is at least as new as anything Stripe sent before.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementSnapshot
from saas_billing.infra.exception.errors import NotFound

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
    from saas_billing.domain.schemas.entitlements.entitlement_summary import EntitlementSummary
    from saas_billing.infra.external_api.interface.entitlement_gateway import EntitlementGateway
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.customer_account_repository import CustomerAccountRepository
    from saas_billing.usecase.entitlements.record_entitlements import RecordEntitlements

logger = logging.getLogger(__name__)


class SyncEntitlements:
    def __init__(
        self,
        gateway: EntitlementGateway,
        record: RecordEntitlements,
        accounts: CustomerAccountRepository,
        clock: Clock,
    ) -> None:
        self._gateway = gateway
        self._record = record
        self._accounts = accounts
        self._clock = clock

    def from_summary(self, summary: EntitlementSummary, created: int) -> ApplyOutcome:
        """A list Stripe cut short (`has_more`) is read in full instead."""
        if not summary.complete:
            return self.from_stripe(summary.customer_id)
        return self._store(summary.customer_id, summary.lookup_keys, float(created))

    def from_stripe(self, customer_id: str) -> ApplyOutcome:
        observed_at = self._clock.now().timestamp()
        try:
            keys = self._gateway.list_active_entitlements(customer_id)
        except NotFound:  # a deleted customer is entitled to nothing
            logger.warning("customer no longer exists in Stripe", extra={"customer_id": customer_id})
            keys = ()
        return self._store(customer_id, keys, observed_at)

    def deleted(self, customer_id: str, created: int) -> ApplyOutcome:
        """A deleted customer is entitled to nothing from the event's time on: its document is emptied
        (not dropped, so its revision still counts in the account's and a late older summary is stale)."""
        return self._store(customer_id, (), float(created))

    def _store(self, customer_id: str, keys: tuple[str, ...], observed_at: float) -> ApplyOutcome:
        account_id = self._accounts.account_for_customer(customer_id)
        return self._record.execute(
            EntitlementSnapshot(customer_id, keys, observed_at, account_id=account_id)
        )
