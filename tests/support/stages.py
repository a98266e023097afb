"""Switches a test to a deployed stage with freshly generated secrets (no SSM, nothing is contacted)."""

from __future__ import annotations

import secrets

from saas_billing.infra.settings.loader import reset_settings
from tests.support import signing_keys

DEPLOYED_ENV = {
    "APP_STAGE": "dev",
    "STRIPE_API_KEY": "sk_test_placeholder",
    "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_urlsafe(24),
    "MONGODB_URI": "mongodb://db.invalid:27017/",
    "JWT_SIGNING_KEYS": signing_keys.pem(),
}


def use_deployed_stage(monkeypatch, **overrides: str) -> None:
    for name, value in {**DEPLOYED_ENV, **overrides}.items():
        monkeypatch.setenv(name, value)
    reset_settings()
