"""The customers function's events, sent through its Mangum handler (offline local stage)."""

from __future__ import annotations

import pytest

from tests.support.lambda_events import invoke, load_event
from tests.support.stages import use_deployed_stage


@pytest.fixture
def handler(gateway):
    from customers_handler import handler

    return handler


def check_created(body):
    assert body["id"].startswith("cus_")
    assert (body["name"], body["email"]) == ("Ada Lovelace", "ada@example.com")


def check_detail_mentions(*words):
    def check(body):
        assert all(word in str(body["detail"]) for word in words), body

    return check


EXPECTED = {
    "customers/create_customer.json": (201, check_created),
    "customers/create_customer_invalid_email.json": (422, check_detail_mentions("email")),
    "customers/list_customers.json": (200, lambda body: body == {"data": [], "has_more": False}),
    # State-dependent: no customer has this id in a fresh in-memory gateway, so 404 is the expected answer.
    "customers/delete_customer_unknown.json": (404, check_detail_mentions("cus_unknown")),
    "customers/delete_customer_bad_id.json": (400, check_detail_mentions("cus_")),
    "customers/delete_all_customers.json": (200, lambda body: body == {"deleted": 0, "has_more": False}),
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_customers_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, load_event(event_path))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert check(response.json()) is not False


def test_create_list_and_delete_through_the_handler(handler, gateway):
    created = invoke(handler, load_event("customers/create_customer.json")).json()
    again = invoke(handler, load_event("customers/create_customer.json")).json()
    assert again["id"] == created["id"], "a retried create returns the first customer"
    listed = invoke(handler, load_event("customers/list_customers.json")).json()
    assert [c["id"] for c in listed["data"]] == [created["id"]]
    event = load_event("customers/delete_customer_unknown.json")
    event["rawPath"] = event["requestContext"]["http"]["path"] = f"/v1/customers/{created['id']}"
    assert invoke(handler, event).json() == {"id": created["id"], "deleted": True}
    assert gateway.state.customers == {}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_every_route_is_closed_in_a_deployed_stage(handler, event_path, monkeypatch):
    use_deployed_stage(monkeypatch)
    response = invoke(handler, load_event(event_path))
    assert response.status == 403, response.text
    assert "local stage" in response.json()["detail"]
