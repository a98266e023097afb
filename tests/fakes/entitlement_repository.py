"""Dict-backed EntitlementRepository for unit tests: the same newest-wins rule as the Mongo one."""

from __future__ import annotations

import threading
from datetime import datetime

from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.domain.schemas.entitlements.account_entitlements import (
    AccountEntitlements,
    EntitlementSnapshot,
    of_account,
)
from saas_billing.repo.interface.entitlement_repository import EntitlementRepository


class InMemoryEntitlementRepository(EntitlementRepository):
    def __init__(self) -> None:
        self.saved: dict[str, AccountEntitlements] = {}
        self._lock = threading.Lock()

    def apply(self, snapshot: EntitlementSnapshot, now: datetime) -> ApplyOutcome:
        with self._lock:
            existing = self.saved.get(snapshot.customer_id)
            if existing is not None and existing.observed_at > snapshot.observed_at:
                return ApplyOutcome.STALE
            keys = tuple(sorted(set(snapshot.lookup_keys)))
            revision = 1 if existing is None else existing.revision + (existing.lookup_keys != keys)
            self.saved[snapshot.customer_id] = AccountEntitlements(
                customer_id=snapshot.customer_id,
                lookup_keys=keys,
                observed_at=snapshot.observed_at,
                revision=revision,
                account_id=snapshot.account_id or (existing.account_id if existing else None),
            )
            return ApplyOutcome.CREATED if existing is None else ApplyOutcome.UPDATED

    def for_account(self, account_id: str) -> AccountEntitlements | None:
        return of_account(e for e in self.saved.values() if e.account_id == account_id)

    def for_customer(self, customer_id: str) -> AccountEntitlements | None:
        return self.saved.get(customer_id)
