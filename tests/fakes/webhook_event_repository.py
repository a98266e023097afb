"""Dict-backed webhook event ledger for unit tests; the same claim, lease and expiry rules as MongoDB."""

from __future__ import annotations

import secrets
import threading
from datetime import datetime
from typing import Any

from saas_billing.domain.schemas.webhooks.stripe_event import PROCESSED_RETENTION, Claim, ClaimStatus
from saas_billing.repo.interface.webhook_event_repository import WebhookEventRepository


class InMemoryWebhookEventRepository(WebhookEventRepository):
    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def _live(self, record: dict[str, Any] | None, now: datetime) -> bool:
        if record is None or record["expires_at"] <= now:
            return False
        return record["status"] == "processed" or record["lease_expires_at"] > now

    def claim(self, event_id: str, event_type: str, now: datetime, lease_until: datetime) -> Claim:
        with self._lock:
            record = self.records.get(event_id)
            if self._live(record, now):
                processed = record["status"] == "processed"
                return Claim(ClaimStatus.PROCESSED if processed else ClaimStatus.IN_PROGRESS)
            token = secrets.token_hex(8)
            self.records[event_id] = {
                "type": event_type,
                "status": "processing",
                "claim_token": token,
                "lease_expires_at": lease_until,
                "expires_at": now + PROCESSED_RETENTION,
                "attempts": (record or {}).get("attempts", 0) + 1,
            }
            return Claim(ClaimStatus.CLAIMED, token)

    def mark_processed(
        self, event_id: str, token: str, now: datetime, expires_at: datetime, outcome: str
    ) -> bool:
        with self._lock:
            record = self.records.get(event_id)
            if record is None or record["claim_token"] != token:
                return False
            record.update(status="processed", expires_at=expires_at, outcome=outcome, processed_at=now)
            return True

    def release(self, event_id: str, token: str) -> None:
        with self._lock:
            record = self.records.get(event_id)
            if record and record["claim_token"] == token and record["status"] == "processing":
                del self.records[event_id]

    def status(self, event_id: str, now: datetime) -> str | None:
        with self._lock:
            record = self.records.get(event_id)
            return record["status"] if self._live(record, now) else None
