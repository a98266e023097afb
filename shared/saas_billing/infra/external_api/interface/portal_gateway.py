"""What the use cases need from a payment provider's self-service customer portal."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import PortalSession


class PortalGateway(ABC):
    @abstractmethod
    def create_portal_session(self, customer_id: str, return_url: str) -> PortalSession:
        """A short-lived portal URL for one customer. Raises CustomerNotFound for an unknown id."""
