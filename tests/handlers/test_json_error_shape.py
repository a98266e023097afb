"""Every error a JSON client can get is `{"detail": "<sentence>"}` (a 422 adds `errors`), as documented.

A JSON client is a request with a bearer token, a JSON body or `Accept: application/json`; a browser's
form post (cookies, a form body) keeps its pages.
"""

from __future__ import annotations

import pytest

from scripts.make_event import http_api_event
from tests.support.accounts import access_token, sign_up
from tests.support.lambda_events import invoke


@pytest.fixture
def checkout(gateway, mongo_client):
    from checkout_handler import handler

    return handler


@pytest.fixture
def subscriptions(gateway, mongo_client):
    from subscriptions_handler import handler

    return handler


def assert_error(response, status: int, *words: str) -> dict:
    assert response.status == status, response.text
    assert response.headers["content-type"].startswith("application/json"), response.text
    body = response.json()
    assert isinstance(body["detail"], str) and all(word in body["detail"] for word in words), body
    return body


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({}, None),  # a bearer token and no body at all: was the HTML error page
        ({"content-type": "text/plain"}, "price_id=x"),
        ({"content-type": "application/x-www-form-urlencoded"}, "request_token=t"),
    ],
)
def test_a_bearer_client_without_a_usable_body_gets_a_json_400(checkout, clock, headers, body):
    token = access_token("ada@example.com")
    event = http_api_event(
        "POST", "/v1/checkout/sessions", headers={"authorization": f"Bearer {token}", **headers}, body=body
    )
    assert_error(invoke(checkout, event), 400)


def test_accept_json_makes_a_signed_in_browser_a_json_client(checkout, clock):
    browser = sign_up("ada@example.com")
    browser.handler = checkout
    response = browser.post(
        "/v1/checkout/sessions", form={"price_id": "price_nope"}, headers={"accept": "application/json"}
    )
    assert_error(response, 404, "price")


def test_a_browser_form_still_gets_a_page(checkout, clock):
    browser = sign_up("ada@example.com")
    browser.handler = checkout
    response = browser.post("/v1/checkout/sessions", form={"price_id": "price_nope"})
    assert response.status == 404 and response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    ("query", "where"),
    [
        ({"limit": "0"}, "query.limit: "),
        ({"limit": "abc"}, "query.limit: "),
        ({"limit": "101"}, "query.limit: "),
    ],
)
def test_a_bad_query_parameter_is_a_422_with_one_sentence_and_the_field_list(
    subscriptions, clock, query, where
):
    token = access_token("ada@example.com")
    event = http_api_event(
        "GET", "/v1/subscriptions", query=query, headers={"authorization": f"Bearer {token}"}
    )
    body = assert_error(invoke(subscriptions, event), 422, where)
    assert [error["loc"] for error in body["errors"]] == [["query", "limit"]]
    assert set(body["errors"][0]) == {"loc", "msg", "type"}  # the submitted value is never echoed


def test_an_explicit_accept_html_keeps_the_page_even_with_a_bearer_token(checkout, clock):
    """What `sam local invoke` events use to show the form flow (they carry a token, not a session)."""
    token = access_token("ada@example.com")
    headers = {"authorization": f"Bearer {token}", "accept": "text/html"}
    event = http_api_event("POST", "/v1/checkout/sessions", headers=headers)
    response = invoke(checkout, event)
    assert response.status == 400 and response.headers["content-type"].startswith("text/html")
