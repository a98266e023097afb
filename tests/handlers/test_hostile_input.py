"""Input a client controls is never a 500: too-deep JSON, a malformed Origin, Host, X-Forwarded-Port or
Stripe-Signature each get a 4xx whose JSON detail says what is wrong, and no traceback in the logs."""

from __future__ import annotations

import json
import logging

import pytest

from scripts.make_event import http_api_event
from tests.support.accounts import access_token
from tests.support.auth_client import load_auth_handler, signed_in
from tests.support.lambda_events import invoke
from tests.support.webhooks import delivery

DEEP_JSON = "[" * 100_000
JSON = {"content-type": "application/json"}


def handler_of(name: str):
    module = __import__(f"{name}_handler")
    return module.handler


@pytest.fixture
def quiet_logs(caplog):
    """After the test: no traceback and no ERROR line, at most one short line per request."""
    caplog.set_level(logging.INFO)
    yield caplog
    loud = [r for r in caplog.records if r.exc_info or r.exc_text or r.levelno >= logging.ERROR]
    assert loud == [], [r.getMessage() for r in loud]


def assert_refused(response, status: int, *words: str) -> None:
    assert response.status == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and all(word in detail for word in words), detail


@pytest.fixture
def token(gateway, mongo_client, clock):
    return access_token("ada@example.com")


@pytest.mark.parametrize("path", ["/v1/auth/login", "/v1/auth/register"])
def test_deeply_nested_json_to_auth_is_a_422(token, quiet_logs, path):
    response = invoke(handler_of("auth"), http_api_event("POST", path, headers=JSON, body=DEEP_JSON))
    assert_refused(response, 422, "nested too deeply")


def test_deeply_nested_json_to_checkout_is_a_400(token, quiet_logs):
    headers = {**JSON, "authorization": f"Bearer {token}"}
    event = http_api_event("POST", "/v1/checkout/sessions", headers=headers, body=DEEP_JSON)
    assert_refused(invoke(handler_of("checkout"), event), 400, "nested too deeply")


def test_a_signed_but_deeply_nested_webhook_is_a_400(mongo_client, quiet_logs):
    response = invoke(handler_of("webhooks"), delivery(DEEP_JSON))
    assert_refused(response, 400, "not a JSON Stripe event")


def test_a_stripe_signature_timestamp_of_unicode_digits_is_a_400(mongo_client, quiet_logs):
    event = delivery('{"id": "evt_1"}')
    event["headers"]["stripe-signature"] = "t=\u00b2\u00b3,v1=abc"  # str.isdigit() says yes, int() says no
    assert_refused(invoke(handler_of("webhooks"), event), 400, "Malformed Stripe-Signature")


@pytest.mark.parametrize(
    ("origin", "says"),
    [
        ("http://[", "Origin header is not a valid origin"),
        ("https://a]b", "Origin header is not a valid origin"),
        ("https://api.example.com:99999", "Origin header is not a valid origin"),
        ("null", "Cross-site requests are refused"),
    ],
)
@pytest.mark.parametrize(
    ("function", "method", "path"),
    [
        ("auth", "POST", "/v1/auth/logout"),
        ("auth", "POST", "/v1/auth/refresh"),
        ("checkout", "POST", "/v1/checkout/sessions"),
        ("subscriptions", "DELETE", "/v1/subscriptions/sub_1"),
        ("subscriptions", "POST", "/v1/billing/portal"),
    ],
)
def test_a_malformed_origin_on_a_cookie_request_is_a_403(gateway, mongo_client, clock, quiet_logs, origin, says, function, method, path):  # fmt: skip
    cookies = [f"{name}={value}" for name, value in signed_in(load_auth_handler()).jar.items()]
    headers = {**JSON, "origin": origin}
    event = http_api_event(method, path, headers=headers, cookies=cookies, body="{}")
    assert_refused(invoke(handler_of(function), event), 403, says)


@pytest.mark.parametrize(
    "headers",
    [{"host": "a:b:c"}, {"host": "api.example.com:x"}, {"host": "[::1]:80"}, {"x-forwarded-port": "x"}],
)
def test_a_malformed_host_or_forwarded_port_does_not_fail_the_invocation(mongo_client, quiet_logs, headers):
    event = http_api_event("GET", "/v1/products")
    event["headers"].update(headers)  # requestContext.domainName stays API Gateway's own
    response = invoke(handler_of("catalog"), event)
    assert response.status == 200 and response.json()["data"]


@pytest.mark.parametrize(
    ("function", "path", "admin"),
    [("customers", "/v1/customers", True)],
)
def test_a_body_that_is_neither_json_nor_utf8_is_a_422(gateway, mongo_client, clock, quiet_logs, function, path, admin):  # fmt: skip
    """FastAPI's own 422 echoed the body through a UTF-8 decode and failed: a 500."""
    token = access_token("ops@example.com", admin=admin)
    headers = {"content-type": "text/plain", "authorization": f"Bearer {token}"}
    event = http_api_event("POST", path, headers=headers, body=b"\x80\xff", base64_body=True)
    response = invoke(handler_of(function), event)
    assert response.status == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body"]
    assert_refused(response, 422, "body: ")


@pytest.mark.parametrize(
    ("function", "path", "admin", "body", "field"),
    [
        ("customers", "/v1/customers", True, '{"name": "A", "email": NaN}', "body.email"),
        ("customers", "/v1/customers", True, '{"name": 1e400, "email": "a@b.co"}', "body.name"),
        ("customers", "/v1/customers", True, '"\\ud800"', "body"),
        ("customers", "/v1/customers", True, '{"name": {"a": [-1e999]}}', "body.name"),
    ],
)
def test_what_json_cannot_write_back_gets_the_documented_422(gateway, mongo_client, clock, quiet_logs, function, path, admin, body, field):  # fmt: skip
    """Python's json reads NaN, Infinity, 1e400 and lone surrogates; FastAPI's 422 echoing them was a 500.
    Ours names the field in one sentence and never echoes the value."""
    token = access_token("ops@example.com", admin=admin)
    event = http_api_event("POST", path, headers={**JSON, "authorization": f"Bearer {token}"}, body=body)
    response = invoke(handler_of(function), event)
    assert_refused(response, 422, f"{field}: ")
    assert "input" not in json.dumps(response.json()["errors"]), response.text


@pytest.mark.parametrize("body", ['{"customer_id": NaN}', '{"customer_id": [{"a": [1e400]}]}', "-Infinity"])
def test_the_portal_reads_json_or_forms_and_refuses_non_finite_numbers(gateway, mongo_client, clock, quiet_logs, body):  # fmt: skip
    headers = {**JSON, "authorization": f"Bearer {access_token('ops@example.com')}"}
    response = invoke(
        handler_of("subscriptions"), http_api_event("POST", "/v1/billing/portal", headers=headers, body=body)
    )
    assert_refused(response, 422, "NaN, Infinity")
    headers["content-type"] = "text/plain"
    event = http_api_event("POST", "/v1/billing/portal", headers=headers, body=b"\x80\xff", base64_body=True)
    assert_refused(invoke(handler_of("subscriptions"), event), 415, "JSON object")


@pytest.mark.parametrize("body", ['{"email": NaN}', '{"email": "a@b.co", "password": 1e400}', "Infinity"])
def test_a_non_finite_number_to_a_json_form_reader_is_refused(token, quiet_logs, body):
    response = invoke(handler_of("auth"), http_api_event("POST", "/v1/auth/login", headers=JSON, body=body))
    assert_refused(response, 422, "NaN, Infinity")
    headers = {**JSON, "authorization": f"Bearer {token}"}
    event = http_api_event("POST", "/v1/checkout/sessions", headers=headers, body=body)
    assert_refused(invoke(handler_of("checkout"), event), 400, "NaN, Infinity")


def test_a_signed_webhook_with_a_non_finite_number_is_a_400(mongo_client, quiet_logs):
    body = '{"id": "evt_1", "type": "invoice.paid", "created": 1, "data": {"object": {"amount_paid": NaN}}}'
    assert_refused(invoke(handler_of("webhooks"), delivery(body)), 400, "NaN, Infinity")


@pytest.mark.parametrize(
    ("function", "path", "status"),
    [
        ("auth", "/v1/auth/login", 422),  # read_entry: InvalidInput
        ("auth", "/v1/auth/devices/dev_x/logout", 422),
        ("subscriptions", "/v1/subscriptions/sub_x/change", 422),
        ("checkout", "/v1/checkout/sessions", 400),  # parse_form_or_json: BadRequest
    ],
)
def test_a_malformed_multipart_form_gets_the_documented_error_of_its_reader(token, quiet_logs, function, path, status):  # fmt: skip
    """Starlette's own answer ("Invalid multipart data.", 400) is not what these routes document."""
    headers = {
        "content-type": "multipart/form-data; boundary=x",
        "accept": "application/json",
        "authorization": f"Bearer {token}",
    }
    event = http_api_event("POST", path, headers=headers, body="[[[[[[[[")
    assert_refused(invoke(handler_of(function), event), status, "could not be read as a form")
