"""What webhooks and reconciliation need from the payment provider's Entitlements API."""

from __future__ import annotations

from abc import ABC, abstractmethod


class EntitlementGateway(ABC):
    @abstractmethod
    def list_active_entitlements(self, customer_id: str) -> tuple[str, ...]:
        """The lookup keys of the customer's active entitlements now, every page; raises NotFound for an
        unknown customer."""
