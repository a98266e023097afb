"""A Stripe customer as the use cases see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Customer:
    id: str
    email: str | None
    name: str | None
    created: datetime | None = None


@dataclass(frozen=True)
class CustomerPage:
    """One page of Stripe's cursor listing: pass the last id as `starting_after` for the next."""

    items: list[Customer]
    has_more: bool
