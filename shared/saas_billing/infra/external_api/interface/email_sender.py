"""What the account use cases need from a mail service: deliver one message to one address."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from saas_billing.infra.exception.errors import ServiceUnavailable


class EmailUnavailable(ServiceUnavailable):
    default_detail = "Email could not be sent just now; try again in a moment"


@dataclass(frozen=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str


class EmailSender(ABC):
    @abstractmethod
    def send(self, message: EmailMessage) -> None:
        """Hands the message over for delivery; raises EmailUnavailable when the service refuses it."""
