"""Whole auth flows through the Mangum handler, with cookies kept between events and a movable clock."""

from __future__ import annotations

import jwt
import pytest
from pymongo import MongoClient

from saas_billing.infra.db.mongo_client import set_mongo_client
from tests.support.browser import Browser, parse_set_cookie

PASSWORD = "correct horse battery staple"
COOKIES = {"device_id", "access_token", "refresh_token"}


@pytest.fixture
def handler(mongo_client, clock):
    from auth_handler import handler

    assert (
        Browser(handler)
        .post("/v1/auth/register", json={"email": "ada@example.com", "password": PASSWORD})
        .status
        == 201
    )
    return handler


def signed_in(handler, **kwargs) -> Browser:
    browser = Browser(handler, **kwargs)
    response = browser.post(
        "/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD, "next": "/x"}
    )
    assert response.status == 303 and set(browser.jar) == COOKIES, response.text
    return browser


def api_login(handler) -> dict:
    response = Browser(handler).post(
        "/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status == 200, response.text
    return response.json()


def test_cookie_attributes_in_the_local_stage(handler):
    response = Browser(handler).post(
        "/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    cookies = {parse_set_cookie(c).key: parse_set_cookie(c) for c in response.cookies}
    assert set(cookies) == COOKIES
    for morsel in cookies.values():
        assert morsel["httponly"] and morsel["samesite"] == "Lax" and morsel["path"] == "/"
        assert not morsel["secure"]  # plain-http `make dev` only
    assert cookies["access_token"]["max-age"] == "900"
    assert cookies["device_id"]["max-age"] == cookies["refresh_token"]["max-age"] == str(30 * 86400)


def test_cookies_are_secure_in_a_deployed_stage(handler, monkeypatch):
    for name, value in {
        "APP_STAGE": "dev",
        "STRIPE_API_KEY": "sk_test_x",
        "STRIPE_WEBHOOK_SECRET": "whsec_x",
        "MONGODB_URI": "mongodb://unused.invalid/",
        "JWT_SECRET": "j" * 48,
    }.items():
        monkeypatch.setenv(name, value)
    from saas_billing.infra.settings.loader import reset_settings

    reset_settings()
    response = Browser(handler).post(
        "/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status == 200 and len(response.cookies) == 3
    assert all("Secure" in cookie and "HttpOnly" in cookie for cookie in response.cookies)


def test_browser_silent_refresh_happens_on_an_ordinary_request(handler, clock):
    browser = signed_in(handler)
    assert browser.get("/v1/auth/me").json()["email"] == "ada@example.com"
    before = dict(browser.jar)
    clock.advance(minutes=16)
    response = browser.get("/v1/auth/me")
    assert response.status == 200 and response.json()["email"] == "ada@example.com"
    assert {parse_set_cookie(c).key for c in response.cookies} == COOKIES  # on this same response
    assert browser.jar["refresh_token"] != before["refresh_token"]
    assert browser.jar["device_id"] == before["device_id"]
    assert browser.get("/v1/auth/me").cookies == []  # fresh again: nothing to rotate


def test_after_the_refresh_token_expires_the_browser_must_log_in_again(handler, clock):
    browser = signed_in(handler)
    clock.advance(days=30, minutes=1)
    response = browser.get("/v1/auth/me")
    assert response.status == 401 and "log in again" in response.json()["detail"]
    assert browser.jar == {}  # the dead cookies were cleared


def test_a_replayed_browser_refresh_token_signs_the_device_out(handler, clock):
    browser = signed_in(handler)
    stolen = dict(browser.jar)
    clock.advance(minutes=16)
    assert browser.get("/v1/auth/me").status == 200  # rotates
    clock.advance(minutes=1)
    thief = Browser(handler)
    thief.jar = stolen
    response = thief.get("/v1/auth/me")
    assert response.status == 401 and "already used" in response.json()["detail"]
    assert browser.get("/v1/auth/me").status == 401  # the whole device session is gone


def test_api_client_refresh_rotates_both_and_detects_reuse(handler):
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
    reuse = client.post(
        "/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}, send_cookies=False
    )
    assert reuse.status == 401 and "already used" in reuse.json()["detail"]
    assert client.get("/v1/auth/me", headers=bearer, send_cookies=False).status == 401  # revoked


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
        token = jwt.encode({**claims, "aud": "another-api"}, "guess" * 8, algorithm="HS256", headers=header)
    else:
        token = jwt.encode(claims, None, algorithm="none", headers={"kid": header["kid"]})
    response = Browser(handler).get("/v1/auth/me", headers={"authorization": f"Bearer {token}"})
    assert response.status == 401 and response.json()["detail"] == "Invalid access token"


def test_a_tampered_access_cookie_is_refused_not_refreshed(handler):
    browser = signed_in(handler)
    browser.jar["access_token"] = browser.jar["access_token"][:-2] + "xx"
    assert browser.get("/v1/auth/me").status == 401


def test_logout_signs_out_only_this_device(handler):
    laptop, phone = signed_in(handler, user_agent="laptop"), signed_in(handler, user_agent="phone")
    response = laptop.post("/v1/auth/logout", form={"next": "/pricing"})
    assert response.status == 303 and response.headers["location"] == "/pricing"
    assert laptop.jar == {} and laptop.get("/v1/auth/me").status == 401
    assert phone.get("/v1/auth/me").status == 200


def test_logout_all_signs_out_every_device(handler):
    laptop, phone = signed_in(handler), signed_in(handler)
    api = api_login(handler)
    assert laptop.post("/v1/auth/logout-all", json={}).status == 204
    assert laptop.get("/v1/auth/me").status == 401 and phone.get("/v1/auth/me").status == 401
    assert (
        Browser(handler).get("/v1/auth/me", headers={"authorization": f"Bearer {api['access_token']}"}).status
        == 401
    )


def test_devices_list_and_revoke(handler, clock):
    laptop = signed_in(handler, user_agent="Laptop Firefox")
    clock.advance(minutes=2)
    phone = signed_in(handler, user_agent="Phone Safari")
    devices = laptop.get("/v1/auth/devices").json()["data"]
    assert [(d["user_agent"], d["current"]) for d in devices] == [
        ("Laptop Firefox", True),
        ("Phone Safari", False),
    ]
    assert set(devices[0]) == {"device_id", "user_agent", "created_at", "last_seen_at", "current"}
    assert laptop.delete(f"/v1/auth/devices/{phone.jar['device_id']}").status == 204
    assert phone.get("/v1/auth/me").status == 401
    assert laptop.delete(f"/v1/auth/devices/{phone.jar.get('device_id', 'gone')}").status == 404
    assert len(laptop.get("/v1/auth/devices").json()["data"]) == 1


def test_someone_elses_device_cannot_be_revoked(handler):
    ada = signed_in(handler)
    grace = Browser(handler)
    grace.post("/v1/auth/register", form={"email": "grace@example.com", "password": PASSWORD, "next": "/"})
    assert grace.jar  # the sign-up form also signs in
    assert grace.delete(f"/v1/auth/devices/{ada.jar['device_id']}").status == 404
    assert ada.get("/v1/auth/me").status == 200


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
    from saas_billing.infra.db.indexes import forget_ensured_indexes

    forget_ensured_indexes()
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
