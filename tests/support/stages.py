"""Switches a test to a deployed stage with placeholder secrets (no SSM, nothing is contacted)."""

from __future__ import annotations

from saas_billing.infra.settings.loader import reset_settings

DEPLOYED_ENV = {
    "APP_STAGE": "dev",
    "STRIPE_API_KEY": "sk_test_placeholder",
    "STRIPE_WEBHOOK_SECRET": "whsec_placeholder",
    "MONGODB_URI": "mongodb://db.invalid:27017/",
    "JWT_SECRET": "x" * 32,
}


def use_deployed_stage(monkeypatch, **overrides: str) -> None:
    for name, value in {**DEPLOYED_ENV, **overrides}.items():
        monkeypatch.setenv(name, value)
    reset_settings()
