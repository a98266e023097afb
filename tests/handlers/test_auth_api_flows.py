"""API-client flows, forged tokens, rate limits and failures through the auth handler."""

from __future__ import annotations

import jwt
import pytest
from pymongo import MongoClient

from saas_billing.infra.db.mongo_client import set_mongo_client
from tests.support.auth_client import PASSWORD, api_login, load_auth_handler
from tests.support.browser import Browser


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()


def test_api_client_refresh_rotates_both_and_detects_reuse(handler, clock):
    tokens = api_login(handler)
    client = Browser(handler)
    response = client.post(
        "/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}, send_cookies=False
    )
    assert response.status == 200, response.text
    rotated = response.json()
    assert (
        rotated["refresh_token"] != tokens["refresh_token"]
        and rotated["access_token"] != tokens["access_token"]
    )
    assert rotated["device_id"] == tokens["device_id"]
    bearer = {"authorization": f"Bearer {rotated['access_token']}"}
    assert client.get("/v1/auth/me", headers=bearer, send_cookies=False).status == 200
    old_bearer = {"authorization": f"Bearer {tokens['access_token']}"}
    assert client.get("/v1/auth/me", headers=old_bearer, send_cookies=False).status == 401
    clock.advance(seconds=11)  # past the grace a concurrent refresh gets (test_auth_refresh.py)
    reuse = client.post(
        "/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}, send_cookies=False
    )
    assert reuse.status == 401 and "already used" in reuse.json()["detail"]
    assert client.get("/v1/auth/me", headers=bearer, send_cookies=False).status == 401  # revoked


def test_an_api_client_with_an_expired_access_token_signs_out_with_its_refresh_token(handler, clock):
    tokens = api_login(handler)
    clock.advance(minutes=20)
    client = Browser(handler)
    assert (
        client.post(
            "/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}, send_cookies=False
        ).status
        == 204
    )
    refresh = client.post(
        "/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}, send_cookies=False
    )
    assert refresh.status == 401


def test_expired_bearer_tokens_are_not_silently_refreshed(handler, clock):
    tokens = api_login(handler)
    clock.advance(minutes=15)
    response = Browser(handler).get(
        "/v1/auth/me", headers={"authorization": f"Bearer {tokens['access_token']}"}
    )
    assert response.status == 401 and "refresh it" in response.json()["detail"]


@pytest.mark.parametrize("forge", ["tamper", "audience", "alg_none"])
def test_forged_bearer_tokens_are_refused(handler, forge):
    tokens = api_login(handler)
    header = jwt.get_unverified_header(tokens["access_token"])
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    if forge == "tamper":
        head, _, signature = tokens["access_token"].split(".")
        body = jwt.encode({**claims, "role": "admin"}, "x" * 32, algorithm="HS256").split(".")[1]
        token = f"{head}.{body}.{signature}"
    elif forge == "audience":
        kid = {"kid": header["kid"]}
        token = jwt.encode({**claims, "aud": "another-api"}, "guess" * 8, algorithm="HS256", headers=kid)
    else:
        token = jwt.encode(claims, None, algorithm="none", headers={"kid": header["kid"]})
    response = Browser(handler).get("/v1/auth/me", headers={"authorization": f"Bearer {token}"})
    assert response.status == 401 and response.json()["detail"] == "Invalid access token"


def test_failed_logins_per_email_get_429_with_retry_after(handler, clock):
    browser = Browser(handler)
    for _ in range(5):
        assert (
            browser.post(
                "/v1/auth/login", json={"email": "ada@example.com", "password": "wrong guess"}
            ).status
            == 401
        )
    clock.advance(minutes=1)
    response = browser.post("/v1/auth/login", json={"email": "ADA@example.com", "password": PASSWORD})
    assert response.status == 429 and response.headers["retry-after"] == str(14 * 60)
    assert "Too many failed login attempts" in response.json()["detail"]
    form = browser.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    assert form.status == 429 and form.headers["retry-after"] and 'role="alert"' in form.text
    clock.advance(minutes=14)
    assert (
        browser.post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}).status == 200
    )


def test_failed_logins_per_ip_get_429(handler, monkeypatch):
    monkeypatch.setenv("LOGIN_MAX_FAILURES_PER_IP", "3")
    from saas_billing.infra.settings.loader import reset_settings

    reset_settings()
    browser = Browser(handler, source_ip="198.51.100.23")
    for n in range(3):
        browser.post("/v1/auth/login", json={"email": f"guess{n}@example.com", "password": "wrong guess"})
    assert (
        browser.post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}).status == 429
    )
    assert (
        Browser(handler, source_ip="203.0.113.99")
        .post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD})
        .status
        == 200
    )


def test_an_unreachable_database_is_a_503_with_a_json_detail(handler):
    set_mongo_client(MongoClient("mongodb://127.0.0.1:1/", serverSelectionTimeoutMS=50, connectTimeoutMS=50))
    response = Browser(handler).post(
        "/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status == 503 and "database is unavailable" in response.json()["detail"]


def test_oversized_and_wrong_bodies_get_clear_4xx(handler):
    browser = Browser(handler)
    long = browser.post("/v1/auth/register", json={"email": "a@example.com", "password": "p" * 2000})
    assert long.status == 422 and "password" in long.json()["detail"] and "ppp" not in long.text
    empty = browser.post("/v1/auth/login")
    assert empty.status == 422 and empty.json()["detail"] == "email: Field required; password: Field required"
    plain = Browser(handler).request(
        "POST", "/v1/auth/login", headers={"content-type": "text/plain"}, form={"email": "x"}
    )
    assert plain.status == 415 and plain.json()["detail"]
