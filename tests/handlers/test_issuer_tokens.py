"""Tokens other services verify themselves: our discovery and JWKS documents as OIDC shapes them, a token
checked by PyJWT's PyJWKClient against the JWKS over HTTP, and entitlement changes reaching signed-in
sessions on their next request (a browser silently, an API client through a 401 and a refresh)."""

from __future__ import annotations

import http.server
import threading
import time

import jwt
import pytest

from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementSnapshot
from saas_billing.infra.security.service.security_factory import set_security_services
from saas_billing.infra.settings.loader import get_settings, reset_settings
from saas_billing.routes.depends import entitlement_dep, token_grants_dep
from tests.fakes.entitlement_repository import InMemoryEntitlementRepository
from tests.support.auth_client import api_login, load_auth_handler, signed_in
from tests.support.browser import ORIGIN, Browser

ISSUER = ORIGIN  # public_base_url set to the address the events name
AUDIENCE = "saas-billing-api"
# OpenID Connect Discovery 1.0, section 3: what a relying party (and API Gateway) reads. We issue access
# tokens only, through our own sign-in: no authorization endpoint to advertise.
OIDC_REQUIRED = {
    "issuer",
    "jwks_uri",
    "response_types_supported",
    "subject_types_supported",
    "id_token_signing_alg_values_supported",
}


@pytest.fixture
def entitlements(monkeypatch):
    store = InMemoryEntitlementRepository()
    monkeypatch.setattr(entitlement_dep, "entitlement_repository", lambda settings: store)
    return store


@pytest.fixture
def handler(monkeypatch, mongo_client, clock, entitlements):
    monkeypatch.setenv("PUBLIC_BASE_URL", ISSUER)
    reset_settings()
    set_security_services()  # a codec built with this issuer
    yield load_auth_handler()
    set_security_services()


@pytest.fixture
def jwks_url(handler):
    """Our JWKS document, as the auth function answers it, served over HTTP on loopback."""
    body = Browser(handler).get("/.well-known/jwks.json").body

    class Jwks(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()
    server.server_close()


def grant(store, account_id, *features):
    store.apply(EntitlementSnapshot("cus_1", features, time.time() + len(store.saved), account_id), None)
    token_grants_dep.refresh_sessions_on_change(get_settings()).on_change(account_id)


def claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_the_discovery_document_has_oidc_shape_and_names_our_issuer_and_keys(handler):
    response = Browser(handler).get("/.well-known/openid-configuration")
    assert response.status == 200 and response.headers["cache-control"].startswith("public")
    document = response.json()
    assert set(document) >= OIDC_REQUIRED
    assert document["issuer"] == ISSUER and document["jwks_uri"] == f"{ISSUER}/.well-known/jwks.json"
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    for member in OIDC_REQUIRED - {"issuer", "jwks_uri"}:
        assert isinstance(document[member], list) and document[member]
    assert {"plan", "features", "ent_rev", "scope"} <= set(document["claims_supported"])
    assert claims_of(api_login(handler)["access_token"])["iss"] == document["issuer"]


def test_the_jwks_document_is_a_jwk_set_of_public_signing_keys(handler):
    document = Browser(handler).get("/.well-known/jwks.json").json()
    assert set(document) == {"keys"} and len(document["keys"]) == 1
    key = document["keys"][0]
    assert (key["kty"], key["use"], key["alg"]) == ("RSA", "sig", "RS256")
    assert set(key) == {"kty", "kid", "use", "alg", "n", "e"}  # never d, p, q...
    token = api_login(handler)["access_token"]
    assert jwt.get_unverified_header(token)["kid"] == key["kid"]


def test_a_token_issued_here_verifies_with_pyjwkclient_against_our_jwks(handler, jwks_url, entitlements):
    login = api_login(handler)
    account = claims_of(login["access_token"])["sub"]
    grant(entitlements, account, "projects.unlimited", "support.priority")
    refreshed = Browser(handler).post("/v1/auth/refresh", json={"refresh_token": login["refresh_token"]})
    token = refreshed.json()["access_token"]

    key = jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(token)
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)
    assert claims["features"] == ["projects.unlimited", "support.priority"] and claims["ent_rev"] == 1
    assert claims["scope"] == "feature:projects.unlimited feature:support.priority"
    assert claims["plan"] is None  # no subscription yet: features alone


def test_a_bearer_session_gets_401_outdated_after_a_change_then_refreshes_to_the_new_claims(
    handler, entitlements
):
    login = api_login(handler)
    bearer = {"authorization": f"Bearer {login['access_token']}"}
    assert Browser(handler).get("/v1/auth/me", headers=bearer).status == 200
    assert claims_of(login["access_token"])["features"] == []

    grant(entitlements, claims_of(login["access_token"])["sub"], "projects.basic")
    outdated = Browser(handler).get("/v1/auth/me", headers=bearer)
    assert outdated.status == 401 and "outdated" in outdated.json()["detail"]

    refreshed = Browser(handler).post("/v1/auth/refresh", json={"refresh_token": login["refresh_token"]})
    assert refreshed.status == 200
    token = refreshed.json()["access_token"]
    assert claims_of(token)["features"] == ["projects.basic"]
    assert Browser(handler).get("/v1/auth/me", headers={"authorization": f"Bearer {token}"}).status == 200


def test_a_browser_session_is_refreshed_silently_on_its_next_request_with_the_new_claims(
    handler, entitlements
):
    browser = signed_in(handler)
    before = browser.jar["access_token"]
    assert claims_of(before)["features"] == []
    assert (
        browser.get("/v1/auth/me").status == 200 and browser.jar["access_token"] == before
    )  # nothing changed

    grant(entitlements, claims_of(before)["sub"], "projects.unlimited")
    response = browser.get("/v1/auth/me")
    assert response.status == 200
    after = browser.jar["access_token"]
    assert after != before and claims_of(after)["features"] == ["projects.unlimited"]
    assert browser.get("/v1/auth/me").status == 200 and browser.jar["access_token"] == after  # mark cleared


def test_a_change_marks_only_that_accounts_sessions(handler, entitlements):
    other = Browser(handler)
    assert (
        other.post("/v1/auth/register", json={"email": "bob@example.com", "password": "x" * 12}).status == 201
    )
    bob = other.post("/v1/auth/login", json={"email": "bob@example.com", "password": "x" * 12}).json()
    ada = api_login(handler)
    grant(entitlements, claims_of(ada["access_token"])["sub"], "projects.basic")
    assert (
        Browser(handler).get("/v1/auth/me", headers={"authorization": f"Bearer {bob['access_token']}"}).status
        == 200
    )
    assert (
        Browser(handler).get("/v1/auth/me", headers={"authorization": f"Bearer {ada['access_token']}"}).status
        == 401
    )
