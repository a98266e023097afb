"""Cookie names per stage: `__Host-` wherever cookies are Secure, and never a __Host- cookie without it."""

from __future__ import annotations

import pytest

from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.routes.http_response.auth_cookies import cookie_header, cookie_name


@pytest.mark.parametrize(("stage", "name"), [("local", "device_id"), ("dev", "__Host-device_id")])
def test_the_name_follows_the_stage(stage, name):
    assert cookie_name("device_id", AppSettings(app_stage=stage)) == name


def test_a_host_prefixed_cookie_is_always_secure_with_path_root_and_no_domain():
    header = cookie_header("__Host-refresh_token", "v", max_age=60, secure=True)
    assert "Secure" in header and "Path=/" in header and "Domain" not in header
    with pytest.raises(ValueError, match="must be Secure"):
        cookie_header("__Host-refresh_token", "v", max_age=60, secure=False)
