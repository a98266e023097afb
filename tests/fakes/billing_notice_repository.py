"""Dict-backed billing notices for unit tests."""

from __future__ import annotations

from saas_billing.domain.schemas.billing.billing_notice import BillingNotice
from saas_billing.repo.interface.billing_notice_repository import BillingNoticeRepository


class InMemoryBillingNoticeRepository(BillingNoticeRepository):
    def __init__(self) -> None:
        self.notices: list[BillingNotice] = []

    def add(self, notice: BillingNotice) -> bool:
        key = (notice.kind, notice.subscription_id, notice.due_at)
        if any((n.kind, n.subscription_id, n.due_at) == key for n in self.notices):
            return False
        self.notices.append(notice)
        return True

    def list_for_subscription(self, subscription_id: str) -> list[BillingNotice]:
        return [n for n in self.notices if n.subscription_id == subscription_id]
