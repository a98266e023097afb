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
        # Whether the keys changed comes from the write itself: a read before it could miss a delivery
        # that landed in between, and the sessions would keep the claims of the keys it replaced.
        written = self._repository.apply(snapshot, self._clock.now())
        changed = written.keys_changed  # never for a stale write
        logger.info(
            "entitlements recorded",
            extra={"customer_id": snapshot.customer_id, "outcome": str(written.outcome), "changed": changed},
        )
        if changed and written.account_id and self._on_change is not None:
            self._on_change(written.account_id)
        return written.outcome
