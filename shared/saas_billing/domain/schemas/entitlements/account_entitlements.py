"""What an account may use: the lookup keys of its active entitlements, as Stripe last told us.

Stripe decides (Entitlements API: features attached to products, a customer's active entitlements); we keep
its latest view per customer, ordered like subscriptions so an older summary never overwrites a newer one.
"""

from __future__ import annotations

from collections.abc import Iterable
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


def of_account(stored: Iterable[AccountEntitlements]) -> AccountEntitlements | None:
    """An account's entitlements from the documents of all its customers (None without any).

    An account gets a second customer when its first is deleted; the old one, listed later with nothing,
    must not hide what the new one grants, so the features are the union. A deleted customer's document
    is emptied, so it grants nothing. The revision is the sum of the customers' revisions: each only
    grows, and grows whenever its keys change, so the sum grows whenever the account's features may
    have. `customer_id` and `observed_at` are those of the newest document.
    """
    documents = sorted(stored, key=lambda e: e.observed_at)
    if not documents:
        return None
    newest = documents[-1]
    return AccountEntitlements(
        customer_id=newest.customer_id,
        lookup_keys=tuple(sorted({key for e in documents for key in e.lookup_keys})),
        observed_at=newest.observed_at,
        revision=sum(e.revision for e in documents),
        account_id=newest.account_id,
    )


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
