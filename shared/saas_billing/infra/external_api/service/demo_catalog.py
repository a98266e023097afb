"""The small demo catalog: the offline gateway starts with it and `make seed-catalog` creates it in Stripe."""

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
    },
    {
        "key": "pro",
        "name": "Pro",
        "description": "For growing teams: unlimited workspaces and priority support.",
        "prices": [
            {"key": "pro_monthly", "unit_amount": 2900, "interval": "month"},
            {"key": "pro_yearly", "unit_amount": 29000, "interval": "year"},
        ],
    },
]
CURRENCY = "usd"
