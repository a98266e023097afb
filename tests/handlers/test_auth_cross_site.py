"""Cross-site requests that would change auth state are refused whatever their content type.

SameSite=Lax keeps the cookies off a cross-site POST, but not off a same-site one (a sibling
subdomain), and the cookie-clearing answer of an anonymous logout would still sign a victim out.
"""

from __future__ import annotations

import pytest

from tests.support.auth_client import load_auth_handler, signed_in
from tests.support.browser import ORIGIN, Browser

EVIL = {"origin": "https://evil.example"}


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()


@pytest.mark.parametrize("send_cookies", [False, True])
def test_a_cross_site_text_plain_logout_is_refused_and_clears_nothing(handler, send_cookies):
    victim = signed_in(handler)
    kept = dict(victim.jar)
    response = victim.request(
        "POST",
        "/v1/auth/logout",
        headers={**EVIL, "content-type": "text/plain"},
        send_cookies=send_cookies,
    )
    assert response.status == 403 and "Cross-site" in response.json()["detail"]
    assert response.cookies == [] and victim.jar == kept
    assert victim.get("/v1/auth/me").status == 200


@pytest.mark.parametrize("path", ["/v1/auth/logout", "/v1/auth/logout-all", "/v1/auth/refresh"])
def test_cross_site_json_posts_to_auth_are_refused(handler, path):
    victim = signed_in(handler)
    response = victim.post(path, json={}, headers=EVIL)
    assert response.status == 403 and response.cookies == []
    assert victim.get("/v1/auth/me").status == 200


def test_a_cross_site_device_revoke_with_cookies_is_refused(handler):
    laptop, phone = signed_in(handler), signed_in(handler)
    response = laptop.delete(f"/v1/auth/devices/{phone.jar['device_id']}", headers={"origin": "null"})
    assert response.status == 403
    assert phone.get("/v1/auth/me").status == 200


def test_same_origin_and_origin_less_requests_still_work(handler):
    browser = signed_in(handler)
    assert browser.post("/v1/auth/refresh", json={}, headers={"origin": ORIGIN}).status < 300
    assert browser.get("/v1/auth/me", headers=EVIL).status == 200  # a read changes nothing
    assert browser.post("/v1/auth/logout", json={}).status == 204  # API clients send no Origin
    assert Browser(handler).post("/v1/auth/logout", json={}, headers=EVIL).status == 403
