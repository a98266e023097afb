"""Stored active entitlements, one document per Stripe customer; the usecase layer sees only this."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
    from saas_billing.domain.schemas.entitlements.account_entitlements import (
        AccountEntitlements,
        EntitlementSnapshot,
    )


@dataclass(frozen=True)
class EntitlementWrite:
    """What one `apply` did, read in the same atomic step as the write (never by a read before it)."""

    outcome: ApplyOutcome
    keys_changed: bool  # the revision grew: the set of lookup keys differs from what was stored
    account_id: str | None  # the snapshot's, else the one stored


class EntitlementRepository(ABC):
    @abstractmethod
    def apply(self, snapshot: EntitlementSnapshot, now: datetime) -> EntitlementWrite:
        """Atomically store the snapshot unless what is stored is newer (a later `observed_at`).

        CREATED or UPDATED when stored (the revision grows only if the lookup keys changed), STALE when not.
        Concurrent calls for one customer leave exactly one document.
        """

    @abstractmethod
    def for_account(self, account_id: str) -> AccountEntitlements | None:
        """All the account's customers combined (`of_account`): the union of keys, the sum of revisions."""

    @abstractmethod
    def for_customer(self, customer_id: str) -> AccountEntitlements | None: ...
