"""Browser flows through the auth handler: cookies kept between events, a movable clock."""

from __future__ import annotations

import pytest

from tests.support.auth_client import COOKIES, PASSWORD, api_login, load_auth_handler, signed_in
from tests.support.browser import Browser, parse_set_cookie
from tests.support.stages import use_deployed_stage


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()


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


def test_deployed_cookies_are_host_prefixed_secure_and_read_back_under_the_same_names(handler, monkeypatch):
    use_deployed_stage(monkeypatch)
    browser = Browser(handler)
    response = browser.post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD})
    assert response.status == 200 and len(response.cookies) == 3
    cookies = {parse_set_cookie(c).key: parse_set_cookie(c) for c in response.cookies}
    assert set(cookies) == {f"__Host-{name}" for name in COOKIES}
    for morsel in cookies.values():  # what a browser demands of a __Host- cookie
        assert morsel["secure"] and morsel["path"] == "/" and not morsel["domain"] and morsel["httponly"]
    assert browser.get("/v1/auth/me").status == 200
    assert browser.post("/v1/auth/refresh", json={}).status == 204  # the refresh cookie, by its prefixed name
    cleared = browser.post("/v1/auth/logout", json={})
    assert cleared.status == 204 and {parse_set_cookie(c).key for c in cleared.cookies} == set(cookies)
    assert browser.jar == {}


def test_a_deployed_stage_ignores_cookies_without_the_host_prefix(handler, monkeypatch):
    """A sibling subdomain can set a plain `device_id` for the parent domain; it is never read."""
    local = signed_in(handler)  # plain names, as the local stage writes them
    use_deployed_stage(monkeypatch)
    assert local.get("/v1/auth/me").status == 401
    assert local.post("/v1/auth/refresh", json={}).json()["detail"].startswith("No refresh token")


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


def test_a_tampered_access_cookie_is_refused_not_refreshed(handler):
    browser = signed_in(handler)
    browser.jar["access_token"] = browser.jar["access_token"][:-2] + "xx"
    assert browser.get("/v1/auth/me").status == 401


def test_logout_signs_out_only_this_device(handler):
    laptop, phone = signed_in(handler, user_agent="laptop"), signed_in(handler, user_agent="phone")
    response = laptop.post("/v1/auth/logout", form={"next": "/pricing"})
    assert response.status == 303 and response.headers["location"] == "/pricing?notice=signed-out"
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
    phone_device = phone.jar["device_id"]  # the phone's 401 below clears its cookie jar
    assert laptop.delete(f"/v1/auth/devices/{phone_device}").status == 204
    assert phone.get("/v1/auth/me").status == 401 and phone.jar == {}
    assert laptop.delete(f"/v1/auth/devices/{phone_device}").status == 404  # already revoked
    assert len(laptop.get("/v1/auth/devices").json()["data"]) == 1


def test_someone_elses_device_cannot_be_revoked(handler):
    ada = signed_in(handler)
    grace = Browser(handler)
    grace.post("/v1/auth/register", form={"email": "grace@example.com", "password": PASSWORD, "next": "/"})
    assert grace.jar  # the sign-up form also signs in
    assert grace.delete(f"/v1/auth/devices/{ada.jar['device_id']}").status == 404
    assert ada.get("/v1/auth/me").status == 200
