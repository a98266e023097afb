"""What an `entitlements.active_entitlement_summary.updated` webhook says."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntitlementSummary:
    """`complete` is False when Stripe cut the list short: the full list must then be read."""

    customer_id: str
    lookup_keys: tuple[str, ...]
    complete: bool
