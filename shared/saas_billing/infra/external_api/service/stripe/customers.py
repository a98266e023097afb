"""Customer part of the Stripe gateway."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import CustomerNotFound
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.customer_gateway import CustomerGateway
from saas_billing.infra.external_api.service.billing_shapes import to_customer
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors

if TYPE_CHECKING:
    import stripe

    from saas_billing.domain.schemas.billing.customer import Customer, CustomerPage


class StripeCustomers(CustomerGateway):
    client: stripe.StripeClient

    def create_customer(
        self, name: str | None, email: str, idempotency_key: str, account_id: str | None = None
    ) -> Customer:
        params: dict[str, Any] = {"name": name, "email": email} if name else {"email": email}
        if account_id:
            params["metadata"] = {"account_id": account_id}
        with stripe_errors():
            customer = self.client.v1.customers.create(
                params=params,  # type: ignore[arg-type]
                options={"idempotency_key": idempotency_key},
            )
        return to_customer(customer.to_dict())

    def list_customers(self, limit: int, starting_after: str | None = None) -> CustomerPage:
        params: dict[str, Any] = {"limit": limit}
        if starting_after:
            params["starting_after"] = starting_after
        with stripe_errors():
            listing = self.client.v1.customers.list(params=params)  # type: ignore[arg-type]
        from saas_billing.domain.schemas.billing.customer import CustomerPage  # where built, as checkout.py

        return CustomerPage(
            items=[to_customer(c.to_dict()) for c in listing.data], has_more=bool(listing.has_more)
        )

    def delete_customer(self, customer_id: str) -> None:
        try:
            with stripe_errors():
                self.client.v1.customers.delete(customer_id)
        except NotFound as error:
            raise CustomerNotFound(f"No such customer: '{customer_id}'") from error
