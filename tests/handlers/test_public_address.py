"""Every address handed to Stripe or put in a page is the API's own: API Gateway's domainName, or the
`public_base_url` setting; a forged Host, X-Forwarded-Host or X-Forwarded-Proto changes none of them.
The Origin check compares against the same address, scheme included."""

from __future__ import annotations

import pytest

from saas_billing.infra.settings.loader import reset_settings
from scripts.make_event import http_api_event
from tests.support.accounts import access_token, subscribe
from tests.support.auth_client import load_auth_handler, signed_in
from tests.support.lambda_events import invoke

FORGED = {"host": "attacker.example", "x-forwarded-host": "attacker.example", "x-forwarded-proto": "http"}


def forged(method: str, path: str, token: str | None = None, **kwargs) -> dict:
    """An event API Gateway delivered for api.example.com whose client forged every address header."""
    event = http_api_event(method, path, **kwargs)
    event["headers"].update(FORGED)
    if token:
        event["headers"]["authorization"] = f"Bearer {token}"
    return event


@pytest.fixture
def token(gateway, mongo_client, clock):
    return access_token("ada@example.com")


def checkout_urls(gateway, token) -> tuple[str, str, str]:
    from checkout_handler import handler

    event = forged(
        "POST",
        "/v1/checkout/sessions",
        token,
        headers={"content-type": "application/json"},
        body='{"price_id": "price_starter_yearly"}',
    )
    response = invoke(handler, event)
    assert response.status == 200, response.text
    session = gateway.state.checkout_sessions[response.json()["id"]]
    return session["success_url"], session["cancel_url"], response.json()["url"]


def portal_return_url(gateway, token) -> str:
    from subscriptions_handler import handler

    subscribe(gateway, token)
    response = invoke(handler, forged("POST", "/v1/billing/portal", token))
    assert response.status == 200, response.text
    (session,) = gateway.state.portal_sessions.values()
    return session["return_url"]


def pricing_action() -> str:
    from checkout_handler import handler

    page = invoke(handler, forged("GET", "/pricing"))
    assert page.status == 200
    assert "attacker.example" not in page.text
    return page.text


def test_stripe_urls_and_the_pricing_form_use_api_gateways_domain_name(gateway, token):
    success, cancel, checkout = checkout_urls(gateway, token)
    assert success.startswith("https://api.example.com/v1/checkout/success?session_id=")
    assert cancel == "https://api.example.com/v1/checkout/cancel"
    assert checkout.startswith("https://api.example.com/_local/stripe/checkout/")
    assert portal_return_url(gateway, token) == "https://api.example.com/account"
    assert 'action="https://api.example.com/v1/checkout/sessions"' in pricing_action()


def test_the_public_base_url_setting_wins_for_a_custom_domain(gateway, token, monkeypatch):
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://billing.example.com/")
    reset_settings()
    success, cancel, _ = checkout_urls(gateway, token)
    assert success.startswith("https://billing.example.com/v1/checkout/success?session_id=")
    assert cancel == "https://billing.example.com/v1/checkout/cancel"
    assert portal_return_url(gateway, token) == "https://billing.example.com/account"
    assert 'action="https://billing.example.com/v1/checkout/sessions"' in pricing_action()


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("https://api.example.com", True),
        ("https://API.example.com:443", True),
        ("http://api.example.com", False),  # same host, another scheme: another origin
        ("https://api.example.com:8443", False),
        ("https://attacker.example", False),  # the forged Host's own origin
    ],
)
def test_the_origin_check_compares_the_full_origin_never_the_host_header(
    mongo_client, clock, origin, allowed
):
    handler = load_auth_handler()
    cookies = [f"{name}={value}" for name, value in signed_in(handler).jar.items()]
    headers = {"origin": origin, "content-type": "application/json"}
    response = invoke(
        handler, forged("POST", "/v1/auth/refresh", headers=headers, cookies=cookies, body="{}")
    )
    assert (response.status < 300) is allowed, response.text
    if not allowed:
        assert response.status == 403 and response.json()["detail"] == "Cross-site requests are refused"
