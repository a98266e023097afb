"""The auth function's events, sent through its Mangum handler against an account that exists."""

from __future__ import annotations

import pytest

from tests.support.accounts import signed_in_event
from tests.support.auth_client import load_auth_handler
from tests.support.browser import parse_set_cookie
from tests.support.lambda_events import invoke, load_event

AUTH_COOKIES = {"device_id", "access_token", "refresh_token"}


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()


def detail(expected):
    def check(response):
        assert response.headers["content-type"] == "application/json"
        assert expected in response.json()["detail"]
        assert not response.cookies

    return check


def sets_auth_cookies(response):
    assert {parse_set_cookie(c).key for c in response.cookies} == AUTH_COOKIES
    assert "set-cookie" not in response.headers  # every cookie travels in the v2 `cookies` field


def tokens_and_cookies(response):
    body = response.json()
    assert body["token_type"] == "bearer" and body["expires_in"] == 900
    assert body["refresh_expires_in"] == 30 * 86400 and body["access_token"].count(".") == 2
    assert response.headers["cache-control"] == "no-store"
    sets_auth_cookies(response)


def redirected_to(location):
    def check(response):
        assert response.headers["location"] == location
        sets_auth_cookies(response)

    return check


def page(*texts, status_has_alert=False):
    def check(response):
        assert response.headers["content-type"].startswith("text/html")
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        for text in texts:
            assert text in response.text
        assert ('role="alert"' in response.text) == status_has_alert
        assert "http://" not in response.text and "https://" not in response.text  # nothing external

    return check


def registered(response):
    body = response.json()
    assert body["email"] == "grace@example.com" and body["role"] == "user"
    assert body["stripe_customer_id"] is None and body["subscription"] is None
    assert "password" not in response.text and not response.cookies


def my_account(response):
    body = response.json()
    assert (body["email"], body["role"]) == ("user@example.com", "user")
    assert body["stripe_customer_id"] is None and body["subscription"] is None


def no_body(response):
    assert not response.body and not response.cookies, "this device stays signed in"


def cleared_cookies(response):
    cleared = {parse_set_cookie(c).key for c in response.cookies if "Max-Age=0" in c}
    assert cleared == AUTH_COOKIES and not response.body


def discovery(response):
    body = response.json()
    assert body["issuer"] == "saas-billing"  # the event's stage sets no public_base_url
    assert body["jwks_uri"] == "https://api.example.com/.well-known/jwks.json"  # the event's domainName
    assert body["id_token_signing_alg_values_supported"] == ["RS256"]
    assert response.headers["cache-control"] == "public, max-age=300"


def jwks(response):
    keys = response.json()["keys"]
    assert [(key["kty"], key["use"], key["alg"]) for key in keys] == [("RSA", "sig", "RS256")]
    assert "d" not in keys[0] and "p" not in keys[0]  # public members only
    assert response.headers["cache-control"] == "public, max-age=300"


EXPECTED = {
    "auth/openid_configuration.json": (200, discovery),
    "auth/jwks.json": (200, jwks),
    "auth/signin_page.json": (200, page('action="/v1/auth/login"', 'value="/pricing"', 'for="password"')),
    "auth/signup_page.json": (200, page('action="/v1/auth/register"', 'value="/pricing"', 'minlength="10"')),
    "auth/register.json": (201, registered),
    "auth/register_taken_email.json": (409, detail("already exists")),
    "auth/register_short_password.json": (422, detail("at least 10 characters")),
    "auth/register_invalid_email.json": (422, detail("email: value is not a valid email")),
    "auth/register_form.json": (303, redirected_to("/checkout?price=price_pro_monthly&notice=signed-up")),
    "auth/login.json": (200, tokens_and_cookies),
    "auth/login_wrong_password.json": (401, detail("Invalid email or password")),
    "auth/login_unknown_email.json": (401, detail("Invalid email or password")),
    "auth/login_form.json": (303, redirected_to("/pricing?plan=pro&notice=signed-in")),
    "auth/login_form_offsite_next.json": (303, redirected_to("/pricing?notice=signed-in")),
    "auth/login_form_wrong_password.json": (401, page("Invalid email or password", status_has_alert=True)),
    "auth/login_form_cross_site.json": (403, page("Cross-site", status_has_alert=True)),  # a form: a page
    "auth/login_malformed_json.json": (422, detail("not valid JSON")),
    "auth/refresh_unknown_token.json": (401, detail("log in again")),
    "auth/refresh_without_token.json": (401, detail("No refresh token")),
    "auth/logout_anonymous.json": (204, cleared_cookies),
    "auth/logout_all_anonymous.json": (401, detail("Not authenticated")),
    "auth/me_anonymous.json": (401, detail("Not authenticated")),
    "auth/me_bad_bearer.json": (401, detail("Invalid access token")),
    "auth/me_as_user.json": (200, my_account),
    "auth/devices_anonymous.json": (401, detail("Not authenticated")),
    "auth/revoke_device_anonymous.json": (401, detail("Not authenticated")),
    "auth/forgot_page.json": (200, page('action="/v1/auth/password/forgot"', 'type="email"')),
    "auth/forgot_password.json": (202, detail("If an account uses this address")),
    "auth/reset_page.json": (200, page('action="/v1/auth/password/reset"', 'value="token-from-the-mail"')),
    "auth/reset_password_bad_token.json": (400, detail("invalid or has expired")),
    "auth/change_password_anonymous.json": (401, detail("Not authenticated")),
    "auth/verify_page.json": (200, page('action="/v1/auth/email/verify"', 'value="token-from-the-mail"')),
    "auth/verify_email_bad_token.json": (400, detail("invalid or has expired")),
    "auth/resend_verification_as_user.json": (202, detail("emailed you a new link")),
    "auth/change_email_anonymous.json": (401, detail("Not authenticated")),
    "auth/sign_out_device_anonymous.json": (401, detail("Not authenticated")),
    "auth/logout_others_anonymous.json": (401, detail("Not authenticated")),
    "auth/logout_others_as_user.json": (204, no_body),
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_auth_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, signed_in_event(load_event(event_path)))
    assert response.status == status, response.text
    check(response)


def test_every_auth_event_is_in_the_table():
    from tests.support.lambda_events import all_event_paths

    assert {path for path in all_event_paths() if path.startswith("auth/")} == set(EXPECTED)


def test_401s_tell_bearer_clients_how_to_authenticate(handler):
    response = invoke(handler, load_event("auth/me_anonymous.json"))
    assert response.headers["www-authenticate"] == "Bearer"
