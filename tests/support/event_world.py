"""ApplyStripeEvent wired to in-memory fakes, and the Stripe invoices its unit tests send."""

from __future__ import annotations

from saas_billing.domain.schemas.webhooks.stripe_event import StripeEvent
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.stripe_object_reader import StripeShapeReader
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from saas_billing.usecase.entitlements.record_entitlements import RecordEntitlements
from saas_billing.usecase.entitlements.sync_entitlements import SyncEntitlements
from saas_billing.usecase.webhooks.apply_stripe_event import ApplyStripeEvent
from tests.fakes.billing_notice_repository import InMemoryBillingNoticeRepository
from tests.fakes.clock import FakeClock
from tests.fakes.customer_account_repository import InMemoryCustomerAccountRepository
from tests.fakes.entitlement_repository import InMemoryEntitlementRepository
from tests.fakes.subscription_repository import InMemorySubscriptionRepository
from tests.support.webhooks import T


class World:
    def __init__(self, gateway=None) -> None:
        self.clock = FakeClock()
        self.subscriptions = InMemorySubscriptionRepository()
        self.notices = InMemoryBillingNoticeRepository()
        self.gateway = gateway or InMemoryGateway()
        self.entitlements = InMemoryEntitlementRepository()
        self.accounts = InMemoryCustomerAccountRepository({"cus_1": "user_1"})
        self.changed_accounts: list[str] = []
        self.apply = ApplyStripeEvent(
            RecordSubscription(self.subscriptions, self.clock),
            self.subscriptions,
            self.notices,
            self.gateway,
            StripeShapeReader(),
            self.clock,
            SyncEntitlements(
                self.gateway,
                RecordEntitlements(self.entitlements, self.clock, self.changed_accounts.append),
                self.accounts,
                self.clock,
            ),
        )

    def send(self, event_type: str, obj: dict, created: int = T) -> str:
        return self.apply.execute(StripeEvent(f"evt_{event_type}_{created}", event_type, created, obj))

    def a_minute_ago(self) -> int:
        """An event time relative to the clock: Stripe sent it, and we read Stripe after it."""
        return int(self.clock.now().timestamp()) - 60


def invoice(paid: bool = True, new_shape: bool = True, reason="subscription_cycle", amount=2900, end=T + 99):
    obj = {
        "id": "in_1",
        "customer": "cus_1",
        "billing_reason": reason,
        "amount_paid": amount if paid else 0,
        "period_end": T - 5,  # the previous period: must not be used
        "lines": {"data": [{"period": {"start": T, "end": end - 50}}, {"period": {"start": T, "end": end}}]},
    }
    if new_shape:
        obj["parent"] = {"subscription_details": {"subscription": "sub_1"}}
    else:
        obj["subscription"] = "sub_1"
    return obj
