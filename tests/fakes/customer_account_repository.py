"""Dict-backed CustomerAccountRepository for unit tests."""

from __future__ import annotations

from saas_billing.repo.interface.customer_account_repository import CustomerAccountRepository


class InMemoryCustomerAccountRepository(CustomerAccountRepository):
    def __init__(self, links: dict[str, str] | None = None) -> None:
        self.links = dict(links or {})

    def account_for_customer(self, customer_id: str) -> str | None:
        return self.links.get(customer_id)
