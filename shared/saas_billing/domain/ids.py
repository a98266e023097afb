"""Stripe ids carry their type as a prefix; checking it turns a mix-up into a clear 400 before any call."""

from __future__ import annotations

import re

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


# Stripe's Checkout Session ids: `cs_test_` or `cs_live_` and letters and digits only.
CHECKOUT_SESSION_ID = re.compile(r"cs_(?:test|live)_[A-Za-z0-9]{1,200}")


def require_checkout_session_id(value: str | None) -> str:
    """A session id in exactly Stripe's shape, so nothing else is ever looked up or sent to Stripe."""
    require_id(value, "checkout session")
    assert value is not None
    if not CHECKOUT_SESSION_ID.fullmatch(value):
        raise InvalidId("This is not a checkout session id")
    return value
