"""POST /v1/auth/refresh answers where the refresh token came from: cookie to cookie, body to body."""

from __future__ import annotations

import pytest

from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from tests.support.auth_client import COOKIES, api_login, load_auth_handler, signed_in
from tests.support.browser import Browser, parse_set_cookie


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()


def test_a_cookie_refresh_rotates_the_cookies_and_puts_no_token_in_the_body(handler):
    browser = signed_in(handler)
    before = dict(browser.jar)
    response = browser.post("/v1/auth/refresh", json={})
    assert response.status == 204 and response.body == b""  # no script can read HttpOnly tokens here
    assert response.headers["cache-control"] == "no-store"
    assert {parse_set_cookie(c).key for c in response.cookies} == COOKIES
    assert browser.jar["device_id"] == before["device_id"]
    assert browser.jar["refresh_token"] != before["refresh_token"]
    assert browser.jar["access_token"] != before["access_token"]
    assert browser.get("/v1/auth/me").status == 200


def test_a_cookie_refresh_from_a_form_redirects(handler):
    browser = signed_in(handler)
    response = browser.post("/v1/auth/refresh", form={"next": "/account"})
    assert response.status == 303 and response.headers["location"] == "/account" and not response.body
    assert {parse_set_cookie(c).key for c in response.cookies} == COOKIES


def test_a_refresh_token_sent_in_the_body_is_answered_in_the_body(handler):
    tokens = api_login(handler)
    response = Browser(handler).post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert response.status == 200, response.text
    body = response.json()
    assert body["device_id"] == tokens["device_id"] and body["token_type"] == "bearer"
    assert body["refresh_token"] != tokens["refresh_token"]
    assert body["access_token"].count(".") == 2 and body["access_token"] != tokens["access_token"]


def test_silent_refresh_stops_at_the_maximum_session_lifetime(handler, clock, monkeypatch):
    monkeypatch.setenv("SESSION_MAX_LIFETIME_DAYS", "45")
    from saas_billing.infra.settings.loader import reset_settings

    reset_settings()
    browser = signed_in(handler)
    clock.advance(days=29)
    response = browser.get("/v1/auth/me")  # rotated: the cookies now live only to day 45
    assert response.status == 200
    max_age = {parse_set_cookie(c).key: int(parse_set_cookie(c)["max-age"]) for c in response.cookies}
    assert max_age["refresh_token"] == max_age["device_id"] <= 16 * 86400
    clock.advance(days=16)
    assert browser.get("/v1/auth/me").status == 401


def test_a_refresh_that_loses_its_race_to_a_sign_out_is_a_401(handler, clock, monkeypatch):
    """The session is gone by the time the rotation runs: signed out, like any signed-out session."""
    rotate = MongoDeviceSessionRepository.rotate

    def signed_out_just_before(self, device_id, *args, **kwargs):
        self.delete(device_id)
        return rotate(self, device_id, *args, **kwargs)

    tokens = api_login(handler)
    browser = signed_in(handler)
    monkeypatch.setattr(MongoDeviceSessionRepository, "rotate", signed_out_just_before)
    api = Browser(handler).post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert api.status == 401 and api.json()["detail"] == "Session expired or signed out; log in again"
    clock.advance(minutes=16)  # the access cookie has expired: a silent refresh
    silent = browser.get("/v1/auth/me")
    assert silent.status == 401 and silent.json()["detail"] == "Session expired or signed out; log in again"
    assert browser.jar == {}


def test_two_explicit_refreshes_of_one_token_never_sign_the_device_out(handler, clock):
    """A client's retry (or a second tab) within the grace gets a 409 to retry; the winner's tokens live."""
    tokens = api_login(handler)
    client = Browser(handler)
    first = client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert first.status == 200, first.text
    clock.advance(seconds=10)  # the grace's end included
    second = client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert second.status == 409 and "retry" in second.json()["detail"]
    winner = first.json()
    bearer = {"authorization": f"Bearer {winner['access_token']}"}
    assert client.get("/v1/auth/me", headers=bearer).status == 200
    again = client.post("/v1/auth/refresh", json={"refresh_token": winner["refresh_token"]})
    assert again.status == 200, again.text


def test_two_tabs_refreshing_with_one_cookie_jar_keep_the_device_signed_in(handler):
    tab = signed_in(handler)
    other_tab = Browser(handler)
    other_tab.jar = dict(tab.jar)  # what both tabs held when each sent its refresh
    assert tab.post("/v1/auth/refresh", json={}).status == 204
    lost = other_tab.post("/v1/auth/refresh", json={})
    assert lost.status == 409 and lost.cookies == []  # nothing cleared
    assert tab.get("/v1/auth/me").status == 200
    assert tab.post("/v1/auth/refresh", json={}).status == 204


def test_an_explicit_refresh_replayed_after_the_grace_revokes_the_session(handler, clock):
    tokens = api_login(handler)
    client = Browser(handler)
    winner = client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).json()
    clock.advance(seconds=11)
    replay = client.post("/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert replay.status == 401 and "already used" in replay.json()["detail"]
    bearer = {"authorization": f"Bearer {winner['access_token']}"}
    assert client.get("/v1/auth/me", headers=bearer).status == 401
