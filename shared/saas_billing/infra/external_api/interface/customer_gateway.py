"""What the use cases need from a payment provider's customers."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.customer import Customer, CustomerPage


class CustomerGateway(ABC):
    # True when deleting everything cannot touch real money: a test-mode key or the in-memory stand-in.
    test_mode: bool = False

    @abstractmethod
    def create_customer(
        self, name: str | None, email: str, idempotency_key: str, account_id: str | None = None
    ) -> Customer:
        """A retried call with the same key returns the first customer instead of creating another.

        `account_id` is kept in the customer's metadata, so Stripe's dashboard shows whose it is.
        """

    @abstractmethod
    def list_customers(self, limit: int, starting_after: str | None = None) -> CustomerPage:
        """Newest first, one page of Stripe's cursor pagination."""

    @abstractmethod
    def delete_customer(self, customer_id: str) -> None:
        """Raises CustomerNotFound for an unknown id."""
