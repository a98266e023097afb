"""Stripe ids carry their type as a prefix; checking it turns a mix-up into a clear 400 before any call."""

from __future__ import annotations

from saas_billing.domain.errors import InvalidId

PREFIXES = {
    "customer": "cus_",
    "subscription": "sub_",
    "checkout session": "cs_",
}


def require_id(value: str | None, kind: str) -> str:
    """Returns the id unchanged, or raises InvalidId naming what a `kind` id looks like."""
    prefix = PREFIXES[kind]
    if not value:
        raise InvalidId(f"A {kind} id is required ({kind} ids start with '{prefix}')")
    if not value.startswith(prefix) or len(value) <= len(prefix) or not value.isascii():
        raise InvalidId(f"'{value or ''}' is not a {kind} id: {kind} ids start with '{prefix}'")
    return value
