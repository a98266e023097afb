"""Create, list and delete Stripe customers (the admin API)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.email_address import normalize_email
from saas_billing.domain.ids import require_id
from saas_billing.usecase.idempotency import derived_key, time_bucket

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.customer import Customer, CustomerPage
    from saas_billing.infra.external_api.interface.customer_gateway import CustomerGateway
    from saas_billing.infra.mixins.clock import Clock

# A retry of the same create within this window returns the first customer instead of a duplicate.
CREATE_WINDOW_SECONDS = 60


class CreateCustomer:
    def __init__(self, gateway: CustomerGateway, clock: Clock) -> None:
        self._gateway = gateway
        self._clock = clock

    def execute(self, name: str, email: str, client_key: str | None = None) -> Customer:
        """`client_key` is the caller's Idempotency-Key header; without one, the key comes from the body.

        Either way it is namespaced and hashed, so it cannot collide with keys of other endpoints. The
        email is normalized as an account's is, so a retry typed in another Unicode form is the same.
        """
        email = normalize_email(email)
        if client_key:
            key = derived_key("customer", "client", client_key)
        else:
            bucket = time_bucket(self._clock.now(), CREATE_WINDOW_SECONDS)
            key = derived_key(
                "customer", name, email, bucket
            )  # exact: Stripe refuses a key reused with other params
        return self._gateway.create_customer(name, email, key)


class ListCustomers:
    def __init__(self, gateway: CustomerGateway) -> None:
        self._gateway = gateway

    def execute(self, limit: int, starting_after: str | None = None) -> CustomerPage:
        if starting_after:
            require_id(starting_after, "customer")
        return self._gateway.list_customers(limit, starting_after)


class DeleteCustomer:
    def __init__(self, gateway: CustomerGateway) -> None:
        self._gateway = gateway

    def execute(self, customer_id: str) -> None:
        self._gateway.delete_customer(require_id(customer_id, "customer"))
