"""The public address comes from the setting, API Gateway's domainName or the server's own socket;
never from Host, X-Forwarded-Host or X-Forwarded-Proto, which a client sets."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.loader import reset_settings
from saas_billing.routes.http_response.public_address import public_base_url, public_origin

FORGED = {"host": "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https"}


def request(scheme="http", server=("127.0.0.1", 8000), root_path="", event=None) -> Request:
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": scheme,
        "server": server,
        "path": "/",
        "root_path": root_path,
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in FORGED.items()],
    }
    if event is not None:
        scope["aws.event"] = event
    return Request(scope)


def api_gateway(domain: str | None) -> dict:
    return {"version": "2.0", "requestContext": {"domainName": domain} if domain else {}}


@pytest.mark.parametrize(
    ("connection", "expected"),
    [
        # Mangum reports the Host header as the server and port 80 for https: neither is used.
        (request("https", ("evil.example", 80), event=api_gateway("abc.execute-api.us-east-1.amazonaws.com")),
         "https://abc.execute-api.us-east-1.amazonaws.com"),
        (request("http", ("evil.example", 80), "/billing/", api_gateway("API.example.com")),
         "https://api.example.com/billing"),
        (request(), "http://127.0.0.1:8000"),  # the dev server's own socket
        (request(server=("::1", 8000)), "http://[::1]:8000"),
        (request(server=("testserver", 80)), "http://testserver"),
    ],
)  # fmt: skip
def test_the_address_is_never_taken_from_a_header(connection, expected):
    assert public_base_url(connection) == expected


def test_the_setting_wins_everywhere(monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://Billing.example.com/app/")
    reset_settings()
    for connection in (request(), request(event=api_gateway("api.example.com"))):
        assert public_base_url(connection) == "https://Billing.example.com/app"
        assert public_origin(connection) == "https://billing.example.com"


@pytest.mark.parametrize("connection", [request(event=api_gateway(None)), request(server=None)])
def test_an_unknown_address_is_a_configuration_error_not_a_guess(connection):
    with pytest.raises(SettingsError, match="public_base_url"):
        public_base_url(connection)


@pytest.mark.parametrize(
    ("stage", "value", "accepted"),
    [
        ("local", "http://127.0.0.1:8000/", "http://127.0.0.1:8000"),
        ("dev", "https://billing.example.com/", "https://billing.example.com"),
        ("dev", "http://billing.example.com", None),  # deployed: https only
        ("local", "billing.example.com", None),
        ("local", "https://", None),
        ("local", "https://[", None),
        ("local", "https://billing.example.com/?next=x", None),
    ],
)
def test_public_base_url_is_an_absolute_https_url_outside_the_local_stage(
    monkeypatch, stage, value, accepted
):
    from saas_billing.infra.settings.app_settings import AppSettings

    monkeypatch.setenv("APP_STAGE", stage)
    monkeypatch.setenv("PUBLIC_BASE_URL", value)
    if accepted is None:
        with pytest.raises(ValueError, match="public_base_url"):
            AppSettings()
    else:
        assert AppSettings().public_base_url == accepted
