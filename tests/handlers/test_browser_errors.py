"""A browser's page or form that fails outside the route's own form handling (its sign-in dependency, a
device already gone, a query value) gets a page of the same status, or sign-in and back for a 401, never
raw JSON; JSON clients keep `{"detail": ...}` for the same failures."""

from __future__ import annotations

import pytest

from tests.support.accounts import auth_handler, sign_up
from tests.support.browser import Browser

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
JSON = {"accept": "application/json"}
PASSWORD = "correct horse battery staple"


@pytest.fixture
def handlers(gateway, mongo_client):
    from checkout_handler import handler as checkout
    from subscriptions_handler import handler as subscriptions

    return {"checkout": checkout, "subscriptions": subscriptions, "auth": auth_handler()}


@pytest.fixture
def ada(handlers) -> Browser:
    return sign_up("ada@example.com")


def other_device(handlers) -> tuple[Browser, str]:
    phone = Browser(handlers["auth"], user_agent="Mozilla/5.0 (iPhone) Safari/605.1")
    phone.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    device_id = next(d["device_id"] for d in phone.get("/v1/auth/devices").json()["data"] if d["current"])
    return phone, device_id


def is_page(response, status: int) -> bool:
    return response.status == status and response.headers["content-type"].startswith("text/html")


def test_signing_out_a_device_already_gone_answers_the_form_with_a_page(ada, handlers):
    _, phone_id = other_device(handlers)
    assert ada.post(f"/v1/auth/devices/{phone_id}/logout", form={}).status == 303
    again = ada.post(f"/v1/auth/devices/{phone_id}/logout", form={})  # a second tab, a double click
    assert is_page(again, 404), again.text
    assert "Device not found" in again.text and 'href="/account"' in again.text
    as_json = ada.request("DELETE", f"/v1/auth/devices/{phone_id}", headers=JSON)
    assert (as_json.status, as_json.json()) == (404, {"detail": "Device not found"})


@pytest.mark.parametrize("path", ["/v1/auth/logout-others", "/v1/auth/devices/dev_x/logout"])
def test_a_form_from_a_device_signed_out_elsewhere_goes_to_sign_in_and_back_to_the_account(ada, handlers, path):  # fmt: skip
    phone, _ = other_device(handlers)
    assert ada.post("/v1/auth/logout-others", form={}).status == 303  # the phone is signed out
    answer = phone.post(path, form={})
    assert (answer.status, answer.headers["location"]) == (303, "/v1/auth/signin?next=/account")
    assert phone.post(path, headers=JSON).status == 401, "a JSON client still gets its 401"


def test_a_page_read_without_a_session_goes_to_sign_in_and_back_to_that_page(handlers):
    visitor = Browser(handlers["subscriptions"])
    answer = visitor.get("/v1/subscriptions", headers=HTML)
    assert (answer.status, answer.headers["location"]) == (303, "/v1/auth/signin?next=/v1/subscriptions")
    as_json = visitor.get("/v1/subscriptions", headers=JSON)
    assert as_json.status == 401 and "detail" in as_json.json()
    assert visitor.get("/v1/subscriptions").status == 401, "no Accept at all (curl): JSON as before"


@pytest.mark.parametrize("query", [{"notice": "n" * 40}, {"notice": "unknown"}, {"confirm": "x"}])
def test_unknown_or_overlong_notice_and_confirm_values_are_ignored(ada, handlers, query):
    ada.handler = handlers["subscriptions"]
    page = ada.get("/account", query=query, headers=HTML)
    assert page.status == 200 and 'id="notice"' not in page.text and "Yes, cancel" not in page.text
    if "notice" in query:
        pricing = Browser(handlers["checkout"]).get("/pricing", query=query, headers=HTML)
        assert pricing.status == 200 and 'id="notice"' not in pricing.text


def test_a_browser_request_failing_its_declared_parameters_gets_a_page_and_json_clients_the_422(handlers):
    admin = sign_up("ops@example.com", admin=True)
    admin.handler = handlers["subscriptions"]
    page = admin.get("/v1/subscriptions", query={"limit": "0"}, headers=HTML)
    assert is_page(page, 422) and "greater than or equal to 1" in page.text
    as_json = admin.get("/v1/subscriptions", query={"limit": "0"}, headers=JSON)
    assert as_json.status == 422 and as_json.json()["errors"][0]["loc"] == ["query", "limit"]
