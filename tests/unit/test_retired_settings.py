"""The retired JWT_SECRET and JWT_PREVIOUS_SECRET, still set by an older `.env` or environment, are ignored.

Access tokens are signed with jwt_signing_keys; nothing reads the HMAC secret any more. Left behind
(SSM: tests/integration/test_ssm_settings.py), it must neither be required, nor checked, nor refused.
"""

from __future__ import annotations

import secrets

import pytest

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.function_settings import FUNCTION_SETTINGS
from saas_billing.infra.settings.loader import load_settings

# Weak on purpose: a deployed stage used to refuse these, so a check left behind would show.
LEFT_BEHIND = {"JWT_SECRET": "change-me", "JWT_PREVIOUS_SECRET": "old"}
DEPLOYED = {
    "APP_STAGE": "dev",
    "STRIPE_API_KEY": "sk_test_123",
    "STRIPE_WEBHOOK_SECRET": f"whsec_{secrets.token_urlsafe(24)}",
    "MONGODB_URI": "mongodb://db.example:27017/",
}


def _without_retired_fields(settings) -> bool:
    return not {name.lower() for name in LEFT_BEHIND} & set(type(settings).model_fields)


def test_a_local_dotenv_that_still_sets_them_loads(tmp_path):
    lines = [f"{name}={value}" for name, value in LEFT_BEHIND.items()]
    (tmp_path / ".env").write_text("\n".join([*lines, "LOG_LEVEL=DEBUG"]) + "\n")
    settings = load_settings()
    assert settings.is_local and settings.log_level == "DEBUG"  # the file was read
    assert _without_retired_fields(settings)


@pytest.mark.parametrize("source", ["environment", ".env"])
def test_a_deployed_stage_starts_without_them_and_ignores_them_when_set(tmp_path, monkeypatch, source):
    for name, value in DEPLOYED.items():
        monkeypatch.setenv(name, value)
    if source == "environment":
        for name, value in LEFT_BEHIND.items():
            monkeypatch.setenv(name, value)
    else:
        (tmp_path / ".env").write_text("".join(f"{name}={value}\n" for name, value in LEFT_BEHIND.items()))
    for function in (*FUNCTION_SETTINGS, None):
        settings = load_settings(function=function)
        assert settings.app_stage == "dev" and _without_retired_fields(settings)


def test_a_deployed_stage_missing_settings_does_not_ask_for_them(monkeypatch):
    monkeypatch.setenv("APP_STAGE", "dev")
    for function in (*FUNCTION_SETTINGS, None):
        with pytest.raises(SettingsError, match="Missing required settings") as error:
            load_settings(function=function)
        assert "JWT" not in str(error.value)
