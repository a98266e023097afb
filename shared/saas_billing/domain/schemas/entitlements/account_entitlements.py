"""What an account may use: the lookup keys of its active entitlements, as Stripe last told us.

Stripe decides (Entitlements API: features attached to products, a customer's active entitlements); we keep
its latest view per customer, ordered like subscriptions so an older summary never overwrites a newer one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntitlementSnapshot:
    """Stripe's active entitlements of one customer at `observed_at` (epoch seconds: the summary event's
    `created`, or the fetch time when reconciliation lists them)."""

    customer_id: str
    lookup_keys: tuple[str, ...]
    observed_at: float
    account_id: str | None = None


@dataclass(frozen=True)
class AccountEntitlements:
    """As stored. `revision` grows by one whenever the set of lookup keys changes: issued tokens carry it,
    so a session holding an older revision is refreshed on its next request."""

    customer_id: str
    lookup_keys: tuple[str, ...]
    observed_at: float
    revision: int
    account_id: str | None = None


@dataclass(frozen=True)
class EntitlementView:
    """The answer to "what may this account use": `GET /v1/entitlements`, the service API and token claims.

    `plan` is the product id of the account's current subscription (None without one), `status` that
    subscription's status; `features` are feature lookup keys, sorted.
    """

    account_id: str
    plan: str | None
    price_id: str | None
    status: str | None
    features: tuple[str, ...]
    revision: int
