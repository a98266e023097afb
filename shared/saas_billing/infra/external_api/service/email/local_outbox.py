"""The local stage's mail service: messages are kept in memory (newest last, a bounded number) for
`make dev`'s outbox page (scripts/local_outbox_pages.py) instead of being sent anywhere."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from saas_billing.infra.external_api.interface.email_sender import EmailSender

if TYPE_CHECKING:
    from saas_billing.infra.external_api.interface.email_sender import EmailMessage

KEPT = 200


@dataclass(frozen=True)
class OutboxEntry:
    message: EmailMessage
    sent_at: datetime


class LocalOutbox(EmailSender):
    def __init__(self) -> None:
        self._entries: deque[OutboxEntry] = deque(maxlen=KEPT)
        self._lock = threading.Lock()

    def send(self, message: EmailMessage) -> None:
        with self._lock:
            self._entries.append(OutboxEntry(message, datetime.now(UTC)))

    def entries(self) -> list[OutboxEntry]:
        with self._lock:
            return list(self._entries)

    def to(self, address: str) -> list[EmailMessage]:
        return [entry.message for entry in self.entries() if entry.message.to == address]
