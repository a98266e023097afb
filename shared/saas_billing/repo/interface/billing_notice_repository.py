"""Billing notices waiting to be delivered to an account."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.billing_notice import BillingNotice


class BillingNoticeRepository(ABC):
    @abstractmethod
    def add(self, notice: BillingNotice) -> bool:
        """Store the notice; False when the same (kind, subscription, due_at) notice already exists."""

    @abstractmethod
    def list_for_subscription(self, subscription_id: str) -> list[BillingNotice]:
        """Oldest first."""
