"""The original app's testing helper, now guarded: it can only ever empty a test-mode account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from saas_billing.domain.errors import BulkDeleteRefused, CustomerNotFound

if TYPE_CHECKING:
    from saas_billing.infra.external_api.interface.customer_gateway import CustomerGateway
    from saas_billing.infra.mixins.clock import Clock

# Stop well inside the Lambda timeout; the caller repeats while `has_more` is true.
TIME_BUDGET = timedelta(seconds=10)
PAGE_SIZE = 100


@dataclass(frozen=True)
class DeleteAllResult:
    deleted: int
    has_more: bool


class DeleteAllCustomers:
    def __init__(self, gateway: CustomerGateway, clock: Clock, *, is_prod: bool) -> None:
        self._gateway = gateway
        self._clock = clock
        self._is_prod = is_prod

    def execute(self) -> DeleteAllResult:
        if self._is_prod:
            raise BulkDeleteRefused("Deleting every customer is refused in the prod stage")
        if not self._gateway.test_mode:
            raise BulkDeleteRefused(
                "Deleting every customer needs a test-mode Stripe key (sk_test_ or rk_test_); this key is live"
            )
        deadline = self._clock.now() + TIME_BUDGET
        deleted = 0
        while True:
            # Always the first page: deleted customers drop out, so no cursor is needed.
            page = self._gateway.list_customers(PAGE_SIZE)
            if not page.items:
                return DeleteAllResult(deleted=deleted, has_more=False)
            deleted_before = deleted
            for customer in page.items:
                if self._clock.now() >= deadline:
                    return DeleteAllResult(deleted=deleted, has_more=True)
                try:
                    self._gateway.delete_customer(customer.id)
                except CustomerNotFound:
                    continue  # deleted meanwhile by someone else
                deleted += 1
            if deleted == deleted_before:  # the listing lags behind the deletes: let the caller retry
                return DeleteAllResult(deleted=deleted, has_more=True)
