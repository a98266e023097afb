"""Records what Stripe says a customer may use; webhooks and reconciliation share it.

`on_change(account_id)` runs when the stored revision grew (the set of lookup keys changed), so whoever
holds an older view (a session's token claims) can be told; never for a stale or unchanged write.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome

if TYPE_CHECKING:
    from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementSnapshot
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.entitlement_repository import EntitlementRepository

logger = logging.getLogger(__name__)


class RecordEntitlements:
    def __init__(
        self,
        repository: EntitlementRepository,
        clock: Clock,
        on_change: Callable[[str], None] | None = None,
    ) -> None:
        self._repository = repository
        self._clock = clock
        self._on_change = on_change

    def execute(self, snapshot: EntitlementSnapshot) -> ApplyOutcome:
        before = self._repository.for_customer(snapshot.customer_id)
        outcome = self._repository.apply(snapshot, self._clock.now())
        changed = outcome is not ApplyOutcome.STALE and (
            before is None or set(before.lookup_keys) != set(snapshot.lookup_keys)
        )
        account_id = snapshot.account_id or (before.account_id if before else None)
        logger.info(
            "entitlements recorded",
            extra={"customer_id": snapshot.customer_id, "outcome": str(outcome), "changed": changed},
        )
        if changed and account_id and self._on_change is not None:
            self._on_change(account_id)
        return outcome
