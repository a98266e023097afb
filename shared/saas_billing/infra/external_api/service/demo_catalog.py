"""The small demo catalog: the offline gateway starts with it and `make seed-catalog` creates it in Stripe.

Each product lists the lookup keys of the entitlement features attached to it (DEMO_FEATURES names them).
"""

from __future__ import annotations

DEMO_CATALOG = [
    {
        "key": "starter",
        "name": "Starter",
        "description": "For side projects: one workspace and email support.",
        "prices": [
            {"key": "starter_monthly", "unit_amount": 900, "interval": "month"},
            {"key": "starter_yearly", "unit_amount": 9000, "interval": "year"},
        ],
        "features": ["projects.basic"],
    },
    {
        "key": "pro",
        "name": "Pro",
        "description": "For growing teams: unlimited workspaces and priority support.",
        "prices": [
            {"key": "pro_monthly", "unit_amount": 2900, "interval": "month"},
            {"key": "pro_yearly", "unit_amount": 29000, "interval": "year"},
        ],
        "features": ["projects.unlimited", "support.priority"],
    },
]
DEMO_FEATURES = {
    "projects.basic": "Basic projects",
    "projects.unlimited": "Unlimited projects",
    "support.priority": "Priority support",
}
CURRENCY = "usd"
