"""Typed reads of one field of a Stripe object: a missing or ill-typed field is InvalidWebhookPayload.

A signed event is authentic, not well formed: a KeyError or TypeError deep in a reader was a 500, which
Stripe retries for three days although the body can never succeed, and a dict where an id belongs
became a MongoDB operator. Every reader of a Stripe object takes its fields through here, so only plain
strings of an id's shape, ints that are times and strings that are statuses reach the use cases.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from saas_billing.domain.webhook_errors import InvalidWebhookPayload

# Stripe's ids are letters, digits and underscores after their type's prefix; a custom product or legacy
# plan id may also hold `-` and `.`. Neither ever holds `$`, a space or a control character.
ID_SHAPE = re.compile(r"[A-Za-z0-9_.\-]{1,255}")
# Epoch seconds from 1970 to the year 9999: what datetime can hold, and far beyond any real Stripe time.
LATEST_TIMESTAMP = 253_402_300_799


def malformed(what: str) -> InvalidWebhookPayload:
    return InvalidWebhookPayload(f"The Stripe object is malformed: {what}")


def mapping(value: Any, what: str) -> Mapping[str, Any]:
    """A nested object; absent (None) reads as empty."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise malformed(f"{what} is not an object")
    return value


def objects(value: Any, what: str) -> list[Mapping[str, Any]]:
    """A list of objects, such as a list's `data`; absent reads as empty."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise malformed(f"{what} is not a list")
    return [mapping(item, f"an item of {what}") or {} for item in value]


def stripe_id(value: Any, what: str, prefix: str = "") -> str:
    """An id given bare or as an expanded object, a non-empty string of an id's shape with its prefix."""
    if isinstance(value, Mapping):
        value = value.get("id")
    if not isinstance(value, str) or not ID_SHAPE.fullmatch(value):
        raise malformed(f"{what} is not an id")
    if not value.startswith(prefix) or len(value) == len(prefix):
        raise malformed(f"{what} is not an id starting with '{prefix}'")
    return value


def optional_id(value: Any, what: str, prefix: str = "") -> str | None:
    return None if value is None else stripe_id(value, what, prefix)


def text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise malformed(f"{what} is not a non-empty string")
    return value


def optional_text(value: Any, what: str) -> str | None:
    """A string or absent; an empty string reads as absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise malformed(f"{what} is not a string")
    return value


def flag(value: Any, what: str) -> bool:
    """A boolean; absent reads as False."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise malformed(f"{what} is not a boolean")
    return value


def seconds(value: Any, what: str) -> int:
    """Epoch seconds: an int (never a bool or a float) that a datetime can hold."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= LATEST_TIMESTAMP:
        raise malformed(f"{what} is not a time in epoch seconds")
    return value


def optional_timestamp(value: Any, what: str) -> datetime | None:
    """Stripe's epoch seconds as an aware datetime; absent (None or 0) reads as None."""
    if value is None or (value == 0 and not isinstance(value, bool)):
        return None
    return datetime.fromtimestamp(seconds(value, what), UTC)


def whole(value: Any, what: str) -> int:
    """An amount in the smallest currency unit; absent reads as 0."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise malformed(f"{what} is not an integer")
    return value
