"""Which account a Stripe customer belongs to: events about entitlements name only the customer."""

from __future__ import annotations

from abc import ABC, abstractmethod


class CustomerAccountRepository(ABC):
    @abstractmethod
    def account_for_customer(self, customer_id: str) -> str | None:
        """The account that holds the customer (its first checkout stored it), else the account a stored
        subscription of the customer is linked to; None when neither is known."""
