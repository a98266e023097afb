"""What the webhook endpoint answers Stripe; Stripe only reads the status, people read the body."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from saas_billing.domain.schemas.webhooks.stripe_event import ReceiveResult


class WebhookAck(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"received": True, "event_id": "evt_1PqR2sT3uV4wX5yZ", "result": "applied"}]
        }
    )

    received: bool = True
    event_id: str
    result: ReceiveResult = Field(
        description="applied: processed now; duplicate: processed before; ignored: a type we do not handle"
    )
