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
from saas_billing.repo.interface.entitlement_repository import EntitlementRepository, EntitlementWrite


class InMemoryEntitlementRepository(EntitlementRepository):
    def __init__(self) -> None:
        self.saved: dict[str, AccountEntitlements] = {}
        self._lock = threading.Lock()

    def apply(self, snapshot: EntitlementSnapshot, now: datetime) -> EntitlementWrite:
        with self._lock:
            existing = self.saved.get(snapshot.customer_id)
            if existing is not None and existing.observed_at > snapshot.observed_at:
                return EntitlementWrite(ApplyOutcome.STALE, keys_changed=False, account_id=None)
            keys = tuple(sorted(set(snapshot.lookup_keys)))
            changed = existing is None or existing.lookup_keys != keys
            account_id = snapshot.account_id or (existing.account_id if existing else None)
            self.saved[snapshot.customer_id] = AccountEntitlements(
                customer_id=snapshot.customer_id,
                lookup_keys=keys,
                observed_at=snapshot.observed_at,
                revision=1 if existing is None else existing.revision + changed,
                account_id=account_id,
            )
            outcome = ApplyOutcome.CREATED if existing is None else ApplyOutcome.UPDATED
            return EntitlementWrite(outcome, keys_changed=changed, account_id=account_id)

    def for_account(self, account_id: str) -> AccountEntitlements | None:
        return of_account(e for e in self.saved.values() if e.account_id == account_id)

    def for_customer(self, customer_id: str) -> AccountEntitlements | None:
        return self.saved.get(customer_id)
