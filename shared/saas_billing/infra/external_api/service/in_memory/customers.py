"""Customer part of the in-memory gateway."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from saas_billing.domain.errors import CustomerNotFound
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.infra.external_api.interface.customer_gateway import CustomerGateway
from saas_billing.infra.external_api.service.billing_shapes import to_customer
from saas_billing.infra.external_api.service.in_memory.idempotency import idempotent_create

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.customer import Customer, CustomerPage
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


def add_customer(
    state: InMemoryStripeState, name: str | None, email: str | None, metadata: dict | None = None
) -> dict:
    """Creates a customer and its customer.created event; callers hold the lock."""
    customer = {
        "id": state.new_id("cus"),
        "object": "customer",
        "name": name,
        "email": email,
        "created": int(time.time()),
        "livemode": False,
        "metadata": dict(metadata or {}),
    }
    state.customers[customer["id"]] = customer
    state.record_event("customer.created", customer)
    return customer


class InMemoryCustomers(CustomerGateway):
    state: InMemoryStripeState
    test_mode = True

    def create_customer(
        self, name: str | None, email: str, idempotency_key: str, account_id: str | None = None
    ) -> Customer:
        metadata = {"account_id": account_id} if account_id else {}
        params = {"name": name, "email": email, "metadata": metadata}
        created = idempotent_create(
            self.state, idempotency_key, params, lambda: add_customer(self.state, name, email, metadata)
        )
        return to_customer(created)

    def list_customers(self, limit: int, starting_after: str | None = None) -> CustomerPage:
        with self.state.lock:
            newest_first = list(reversed(self.state.customers.values()))
        if starting_after:
            ids = [customer["id"] for customer in newest_first]
            if starting_after not in ids:
                raise BadRequest(f"starting_after: no such customer: '{starting_after}'")
            newest_first = newest_first[ids.index(starting_after) + 1 :]
        page = newest_first[:limit]
        from saas_billing.domain.schemas.billing.customer import CustomerPage  # on use, as in checkout.py

        return CustomerPage(items=[to_customer(c) for c in page], has_more=len(newest_first) > limit)

    def delete_customer(self, customer_id: str) -> None:
        with self.state.lock:
            customer = self.state.customers.pop(customer_id, None)
            if customer is None:
                raise CustomerNotFound(f"No such customer: '{customer_id}'")
            # Like Stripe, deleting a customer cancels its subscriptions at once.
            for subscription in self.state.subscriptions.values():
                if subscription["customer"] == customer_id and subscription["status"] != "canceled":
                    subscription.update(status="canceled", canceled_at=int(time.time()))
                    subscription["ended_at"] = subscription["canceled_at"]
                    self.state.record_event("customer.subscription.deleted", subscription)
            self.state.record_event("customer.deleted", customer)
