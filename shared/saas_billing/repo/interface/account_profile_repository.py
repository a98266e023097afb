"""An account with the subscription it is on now, read together: `/v1/auth/me` in one round trip."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.user import User
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription


@dataclass(frozen=True)
class AccountProfile:
    account: User
    subscription: SavedSubscription | None  # the newest one that has not ended


class AccountProfileRepository(ABC):
    @abstractmethod
    def get(self, user_id: str) -> AccountProfile | None:
        """None for an unknown account."""
