"""The customers function's events, sent through its Mangum handler (offline local stage).

Admin-only in every stage: events carrying the admin placeholder are sent with a real admin's token.
"""

from __future__ import annotations

import pytest

from tests.support.accounts import access_token, bearer, signed_in_event
from tests.support.lambda_events import invoke, load_event
from tests.support.stages import use_deployed_stage


@pytest.fixture
def handler(gateway, mongo_client):
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
    "customers/list_customers_anonymous.json": (401, check_detail_mentions("Not authenticated")),
    "customers/delete_all_customers_anonymous.json": (401, check_detail_mentions("Not authenticated")),
    "customers/list_customers_as_user.json": (403, check_detail_mentions("Administrator role required")),
    "customers/create_customer_as_user.json": (403, check_detail_mentions("Administrator role required")),
    "customers/delete_all_customers_as_user.json": (
        403,
        check_detail_mentions("Administrator role required"),
    ),
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_customers_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, signed_in_event(load_event(event_path)))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert check(response.json()) is not False


def test_create_list_and_delete_through_the_handler(handler, gateway):
    token = access_token("admin@example.com", admin=True)
    created = invoke(handler, bearer(load_event("customers/create_customer.json"), token)).json()
    again = invoke(handler, bearer(load_event("customers/create_customer.json"), token)).json()
    assert again["id"] == created["id"], "a retried create returns the first customer"
    listed = invoke(handler, bearer(load_event("customers/list_customers.json"), token)).json()
    assert [c["id"] for c in listed["data"]] == [created["id"]]
    event = bearer(load_event("customers/delete_customer_unknown.json"), token)
    event["rawPath"] = event["requestContext"]["http"]["path"] = f"/v1/customers/{created['id']}"
    assert invoke(handler, event).json() == {"id": created["id"], "deleted": True}
    assert gateway.state.customers == {}


def test_a_user_can_do_nothing_here_and_a_demoted_admin_loses_access_at_once(handler, gateway):
    from saas_billing.infra.db.mongo_client import get_database
    from saas_billing.infra.settings.loader import get_settings
    from saas_billing.repo.mongodb.user_repo import MongoUserRepository

    token = access_token("admin@example.com", admin=True)
    assert invoke(handler, bearer(load_event("customers/list_customers.json"), token)).status == 200
    users = MongoUserRepository(get_database(get_settings()))
    users.set_role(users.by_email("admin@example.com").id, "user")
    response = invoke(handler, bearer(load_event("customers/delete_all_customers.json"), token))
    assert response.status == 403 and response.json()["detail"] == "Administrator role required"


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_a_deployed_stage_has_no_bypass_either(handler, event_path, monkeypatch):
    """No local-stage opening remains: anonymous callers get 401 everywhere, before any database use."""
    use_deployed_stage(monkeypatch)
    event = load_event(event_path)
    event["headers"].pop("authorization", None)
    response = invoke(handler, event)
    assert response.status == 401, response.text
