"""The subscriptions function's events, sent through its Mangum handler (offline local stage).

Events carrying a placeholder token are sent as a fresh signed-in user (or admin).
"""

from __future__ import annotations

import pytest

from tests.support.accounts import signed_in_event
from tests.support.lambda_events import invoke, load_event


@pytest.fixture
def handler(gateway, mongo_client):
    from subscriptions_handler import handler

    return handler


def check_detail_mentions(*words):
    def check(body):
        assert all(word in str(body["detail"]) for word in words), body

    return check


EMPTY_PAGE = {"data": [], "has_more": False}
NOT_AUTHENTICATED = (401, check_detail_mentions("Not authenticated"))
EXPECTED = {
    "subscriptions/list_subscriptions.json": (200, lambda body: body == EMPTY_PAGE),
    "subscriptions/list_active_for_customer.json": (200, lambda body: body == EMPTY_PAGE),
    "subscriptions/list_all_subscriptions_as_admin.json": (200, lambda body: body == EMPTY_PAGE),
    "subscriptions/list_all_subscriptions_as_user.json": (403, check_detail_mentions("Administrator")),
    # State-dependent: nothing is saved or known under these ids in a fresh stage, so 404 is expected.
    "subscriptions/get_subscription_unknown.json": (404, check_detail_mentions("sub_unknown")),
    "subscriptions/cancel_subscription_unknown.json": (404, check_detail_mentions("sub_unknown")),
    "subscriptions/open_portal_unknown_customer.json": (404, check_detail_mentions("cus_unknown")),
    "subscriptions/open_portal_own_customer.json": (404, check_detail_mentions("subscribe to a plan first")),
    "subscriptions/cancel_subscription_bad_id.json": (400, check_detail_mentions("sub_")),
    "subscriptions/open_portal_bad_id.json": (400, check_detail_mentions("cus_")),
    "subscriptions/list_subscriptions_anonymous.json": NOT_AUTHENTICATED,
    "subscriptions/get_subscription_anonymous.json": NOT_AUTHENTICATED,
    "subscriptions/cancel_subscription_anonymous.json": NOT_AUTHENTICATED,
    "subscriptions/open_portal_anonymous.json": NOT_AUTHENTICATED,
}


@pytest.mark.parametrize("event_path", sorted(EXPECTED))
def test_subscriptions_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, signed_in_event(load_event(event_path)))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert check(response.json()) is not False
