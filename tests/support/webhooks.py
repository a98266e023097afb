"""Builds Stripe-shaped objects and signed API Gateway deliveries of them, signed at test time."""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

from saas_billing.infra.settings.webhook_secrets import LOCAL_WEBHOOK_SECRET
from scripts.sign_event import sign_http_event, stripe_event_to_http_event
from tests.support.lambda_events import load_event

T = 1_795_694_400
_ids = itertools.count(1)


def subscription_object(
    status: str = "active",
    subscription_id: str = "sub_1",
    customer: str = "cus_1",
    price: str = "price_pro_monthly",
    period_end: int = T + 30 * 86400,
    **extra: Any,
) -> dict[str, Any]:
    item = {"id": "si_1", "current_period_end": period_end, "price": {"id": price, "product": "prod_pro"}}
    obj = {
        "id": subscription_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "cancel_at_period_end": False,
        "metadata": {},
        "items": {"object": "list", "data": [item]},
    }
    obj.update(extra)
    return obj


def stripe_event(event_type: str, obj: dict[str, Any], created: int = T, event_id: str | None = None) -> dict:
    return {
        "id": event_id or f"evt_test_{next(_ids)}",
        "object": "event",
        "api_version": "2025-08-27.basil",
        "created": created,
        "type": event_type,
        "livemode": False,
        "data": {"object": obj},
    }


def delivery(
    event: dict[str, Any] | str,
    secret: str = LOCAL_WEBHOOK_SECRET,
    timestamp: int | None = None,
    base64_body: bool = False,
) -> dict[str, Any]:
    """An API Gateway v2 event carrying the Stripe event, signed now (or at `timestamp`)."""
    payload = event if isinstance(event, str) else json.dumps(event, indent=2)
    return stripe_event_to_http_event(payload, secret, timestamp or int(time.time()), base64_body)


def signed_sample(path: str, secret: str = LOCAL_WEBHOOK_SECRET) -> dict[str, Any]:
    """A committed events/ file re-signed at the current time (the committed signature is stale)."""
    return sign_http_event(load_event(path), secret)


SUMMARY = "entitlements.active_entitlement_summary.updated"


def summary(*keys: str, customer: str = "cus_1", has_more: bool = False) -> dict:
    return {
        "object": "entitlements.active_entitlement_summary",
        "customer": customer,
        "entitlements": {
            "object": "list",
            "data": [
                {
                    "id": f"ent_{i}",
                    "object": "entitlements.active_entitlement",
                    "feature": f"feat_{i}",
                    "livemode": False,
                    "lookup_key": key,
                }
                for i, key in enumerate(keys)
            ],
            "has_more": has_more,
            "url": f"/v1/customer/{customer}/entitlements",
        },
        "livemode": False,
    }
