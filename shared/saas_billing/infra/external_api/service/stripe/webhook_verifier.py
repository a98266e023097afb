"""Stripe signature verification with stripe-python's WebhookSignature.verify_header, over the raw body bytes.

The body is never re-serialized: the signature covers the exact bytes Stripe sent. Several secrets are
tried in turn so a secret can rotate while both old and new signatures are in flight. verify_header is
the check construct_event makes before it parses; the use cases read plain dicts, so the verified bytes
are parsed here (strictly: no NaN, no Infinity) instead of building construct_event's StripeObject tree
(~10 ms on a cold start) only to convert it back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import stripe

from saas_billing.domain.schemas.webhooks.stripe_event import StripeEvent
from saas_billing.domain.webhook_errors import InvalidWebhookPayload, InvalidWebhookSignature
from saas_billing.infra.external_api.interface.webhook_verifier import (
    SIGNATURE_TOLERANCE_SECONDS,
    WebhookVerifier,
)
from saas_billing.infra.external_api.service.stripe_fields import seconds, stripe_id
from saas_billing.infra.mixins.client_input import MalformedJson, parse_json


class StripeWebhookVerifier(WebhookVerifier):
    def __init__(
        self,
        secrets: Sequence[str],
        tolerance_seconds: int = SIGNATURE_TOLERANCE_SECONDS,
        now: Callable[[], float] = time.time,
    ) -> None:
        if not secrets:
            raise ValueError("at least one webhook secret is required")
        self._secrets = list(secrets)
        self._tolerance = tolerance_seconds
        self._now = now

    def verify(self, payload: bytes, signature_header: str | None) -> StripeEvent:
        self._check_header(signature_header)
        for secret in self._secrets:
            try:
                stripe.WebhookSignature.verify_header(payload, signature_header, secret, self._tolerance)
            except stripe.SignatureVerificationError:
                continue  # maybe signed with the other secret of a rotation
            except ValueError as error:  # a body that is not UTF-8 text
                raise InvalidWebhookPayload("The webhook body is not a JSON Stripe event") from error
            try:
                values = parse_json(payload)
            except MalformedJson as error:
                raise InvalidWebhookPayload(
                    f"The webhook body is not a JSON Stripe event: it {error}"
                ) from error
            return _to_event(values)
        raise InvalidWebhookSignature(
            "No Stripe-Signature v1 signature matches the body for the configured webhook secret(s)"
        )

    def _check_header(self, header: str | None) -> None:
        """Clear reasons for the common failures; verify_header still checks everything itself."""
        if not header:
            raise InvalidWebhookSignature("Missing Stripe-Signature header")
        parts = [item.split("=", 1) for item in header.split(",")]
        timestamps = [value for key, value in (p for p in parts if len(p) == 2) if key.strip() == "t"]
        has_v1 = any(len(p) == 2 and p[0].strip() == "v1" and p[1] for p in parts)
        if len(timestamps) != 1 or not (timestamps[0].isascii() and timestamps[0].isdigit()) or not has_v1:
            raise InvalidWebhookSignature(
                "Malformed Stripe-Signature header: expected t=<timestamp>,v1=<signature>"
            )
        if int(timestamps[0]) < self._now() - self._tolerance:
            raise InvalidWebhookSignature(
                f"Stripe-Signature timestamp is older than the {self._tolerance} s tolerance "
                "(a replayed or delayed delivery, or a wrong clock)"
            )


def _to_event(values: Any) -> StripeEvent:
    if not isinstance(values, dict) or values.get("object") == "v2.core.event":  # v2: a thin notification
        raise InvalidWebhookPayload("The webhook body is not a JSON Stripe event")
    data = values.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not (
        isinstance(values.get("id"), str)
        and isinstance(values.get("type"), str)
        and isinstance(values.get("created"), int)
        and isinstance(obj, dict)
    ):
        raise InvalidWebhookPayload("The webhook body is not a Stripe event (id, type, created, data.object)")
    return StripeEvent(
        id=stripe_id(values["id"], "the event id", "evt_"),
        type=values["type"],
        created=seconds(values["created"], "the event's created"),
        object=obj,
        livemode=bool(values.get("livemode")),
    )
