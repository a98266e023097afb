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
    "subscriptions/change_plan_unknown.json": (404, check_detail_mentions("sub_unknown")),
    "subscriptions/change_plan_anonymous.json": NOT_AUTHENTICATED,
    "subscriptions/resume_subscription_unknown.json": (404, check_detail_mentions("sub_unknown")),
    "subscriptions/cancel_at_period_end_unknown.json": (404, check_detail_mentions("sub_unknown")),
    # A new account: no plan, no features yet.
    "subscriptions/get_entitlements.json": (
        200,
        lambda body: (body["plan"], body["features"], body["revision"]) == (None, [], 0),
    ),
    "subscriptions/get_entitlements_anonymous.json": NOT_AUTHENTICATED,
}
# The account page is HTML: a visitor is sent to sign in and back; a new account has no subscription.
PAGES = {
    "subscriptions/account_page_anonymous.json": (303, {"location": "/v1/auth/signin?next=/account"}, ()),
    "subscriptions/account_page.json": (
        200,
        {},
        ("Your account", "You have no subscription yet", "This device"),
    ),
}
EXPECTED.update({path: (status, None) for path, (status, _, _) in PAGES.items()})


@pytest.mark.parametrize("event_path", sorted(PAGES))
def test_account_page_events(handler, event_path):
    status, headers, texts = PAGES[event_path]
    response = invoke(handler, signed_in_event(load_event(event_path)))
    assert response.status == status, response.text
    assert response.headers["cache-control"] == "no-store"
    assert all(response.headers[name] == value for name, value in headers.items())
    assert all(text in response.text for text in texts), response.text


@pytest.mark.parametrize("event_path", sorted(set(EXPECTED) - set(PAGES)))
def test_subscriptions_events(handler, event_path):
    status, check = EXPECTED[event_path]
    response = invoke(handler, signed_in_event(load_event(event_path)))
    assert response.status == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert check(response.json()) is not False
