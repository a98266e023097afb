"""The round-trip budget per request: MongoDB commands and Stripe calls, warm and cold.

tests/integration/test_round_trip_budget.py measures the journey of tests/support/round_trips.py on the
wire tier and holds every count to this table with `==`, so a change that adds a round trip fails and
one that saves a round trip must update the table (it stays truthful). `make round-trips` prints the
measured table as markdown for BENCHMARKS.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Budget:
    mongo_warm: int
    stripe_warm: int
    mongo_cold: int
    stripe_cold: int


BUDGET: dict[str, Budget] = {
    "POST /v1/auth/register": Budget(4, 0, 4, 0),
    # 8: after storing the session, sign-in reads the entitlement revision again (its claims may have
    # been read before a change whose mark found no session yet)
    "POST /v1/auth/login": Budget(8, 0, 8, 0),
    "GET /v1/auth/me": Budget(2, 0, 2, 0),
    "POST /v1/auth/refresh": Budget(4, 0, 4, 0),
    "GET /v1/products": Budget(0, 0, 0, 1),
    "GET /pricing": Budget(3, 0, 3, 3),
    "POST /v1/checkout/sessions (first: creates the customer)": Budget(8, 2, 8, 3),
    "POST /v1/checkout/sessions (repeat)": Budget(7, 2, 7, 3),
    "GET /v1/checkout/success": Budget(4, 1, 4, 1),
    "POST /v1/webhooks/stripe customer.subscription.created": Budget(4, 0, 4, 0),
    "POST /v1/webhooks/stripe entitlements.active_entitlement_summary.updated": Budget(5, 0, 5, 0),
    "POST /v1/webhooks/stripe invoice.paid": Budget(7, 1, 7, 1),
    "POST /v1/webhooks/stripe checkout.session.completed": Budget(3, 0, 3, 0),
    "POST /v1/auth/refresh (features changed)": Budget(4, 0, 4, 0),
    "GET /v1/subscriptions": Budget(2, 0, 2, 0),
    "POST /v1/subscriptions/{id}/change": Budget(4, 2, 4, 3),
    "DELETE /v1/subscriptions/{id}": Budget(4, 1, 4, 1),
    "POST /v1/webhooks/stripe customer.subscription.updated": Budget(4, 0, 4, 0),
    "POST /v1/auth/refresh (plan switched)": Budget(4, 0, 4, 0),
    "POST /v1/billing/portal": Budget(2, 1, 2, 1),
    "POST /v1/auth/logout": Budget(2, 0, 2, 0),
}

HEADER = "| request | Mongo warm | Stripe warm | Mongo cold | Stripe cold |\n|---|---:|---:|---:|---:|\n"


def render_markdown(table: Mapping[str, Budget] = BUDGET) -> str:
    """The table as markdown, rows in journey order, with the journey's totals last."""
    rows = [
        f"| `{route}` | {b.mongo_warm} | {b.stripe_warm} | {b.mongo_cold} | {b.stripe_cold} |"
        for route, b in table.items()
    ]
    total = Budget(*(sum(getattr(b, name) for b in table.values()) for name in Budget.__dataclass_fields__))
    rows.append(
        f"| **journey** | **{total.mongo_warm}** | **{total.stripe_warm}** "
        f"| **{total.mongo_cold}** | **{total.stripe_cold}** |"
    )
    return HEADER + "\n".join(rows) + "\n"
