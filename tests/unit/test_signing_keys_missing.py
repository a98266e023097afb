"""A deployed stage without signing keys answers sign-ins with a clear 503, never a bare 500."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.fastapi_config.error_responses import http_failure
from saas_billing.infra.security.service import security_factory


def test_no_signing_keys_outside_the_local_stage_is_a_503_naming_no_secret(caplog):
    deployed = SimpleNamespace(jwt_signing_keys=None, is_local=False)
    with pytest.raises(ServiceUnavailable) as error:
        security_factory._signing_keys_text(deployed)
    failure = http_failure(error.value)
    assert failure.status_code == 503 and "signing keys" in failure.detail
    assert "jwt_signing_keys is not set" in caplog.text


def test_the_local_stage_generates_one_instead(monkeypatch):
    monkeypatch.setattr(security_factory, "_ephemeral_key", None)
    key = security_factory._signing_keys_text(SimpleNamespace(jwt_signing_keys=None, is_local=True))
    assert key.startswith("-----BEGIN PRIVATE KEY-----")
