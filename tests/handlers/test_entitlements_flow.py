"""Entitlements end to end through the Lambda handlers, driven by the in-memory Stripe and the signed
webhooks it sends: subscribe (features), switch plan (features change), cancel at period end (features
stay), the end (features gone). `GET /v1/entitlements` reads only what the webhooks stored."""

from __future__ import annotations

import copy
import re

from scripts.make_event import http_api_event
from tests.handlers.test_plan_change_and_resume import post, webhooks_handler
from tests.handlers.test_subscription_ownership import handler  # noqa: F401  (shared fixture)
from tests.support.accounts import access_token, auth_handler, subscribe
from tests.support.auth_client import api_login
from tests.support.lambda_events import invoke
from tests.support.webhooks import delivery

SUMMARY = "entitlements.active_entitlement_summary.updated"


class Stripe:
    """Delivers each event the in-memory Stripe logged since the last delivery, in order, signed."""

    def __init__(self, gateway) -> None:
        self.gateway = gateway
        self.seen = len(gateway.state.events)

    def deliver(self) -> list[str]:
        events = self.gateway.state.events[self.seen :]
        self.seen = len(self.gateway.state.events)
        for event in events:
            response = invoke(webhooks_handler(), delivery(copy.deepcopy(event)))
            assert response.status == 200, (event["type"], response.text)
        return [event["type"] for event in events]


def entitlements(handler, token):
    headers = {"authorization": f"Bearer {token}"}
    response = invoke(handler, http_api_event("GET", "/v1/entitlements", headers=headers))
    assert response.status == 200, response.text
    body = response.json()
    return body["plan"], body["features"], body["revision"]


def outdated_then_signed_in_again(handler, token: str) -> str:
    """A change of features makes the account's tokens outdated at once (their claims are stale): the old
    token is refused with a 401 naming why, and a new sign-in carries the new claims."""
    headers = {"authorization": f"Bearer {token}"}
    response = invoke(handler, http_api_event("GET", "/v1/entitlements", headers=headers))
    assert response.status == 401 and "outdated" in response.json()["detail"], response.text
    return api_login(auth_handler())["access_token"]


def account_page_features(handler, token) -> list[str]:
    headers = {"authorization": f"Bearer {token}", "accept": "text/html"}
    page = invoke(handler, http_api_event("GET", "/account", headers=headers))
    assert page.status == 200, page.text
    listed = page.text.split('<ul id="features">', 1)
    return re.findall(r"<li>([^<]+)</li>", listed[1].split("</ul>", 1)[0]) if len(listed) == 2 else []


def test_features_follow_the_subscription_from_start_to_end(handler, gateway, mongo_client):
    token = access_token("ada@example.com")
    stripe = Stripe(gateway)
    assert entitlements(handler, token) == (None, [], 0)

    subscription = subscribe(gateway, token, "price_starter_monthly")
    assert SUMMARY in stripe.deliver()
    token = outdated_then_signed_in_again(handler, token)
    assert entitlements(handler, token) == ("prod_starter", ["projects.basic"], 1)
    assert account_page_features(handler, token) == ["Basic projects"]

    change = post(
        handler, f"/v1/subscriptions/{subscription['id']}/change", token, {"price_id": "price_pro_monthly"}
    )
    assert change.status == 200, change.text
    assert SUMMARY in stripe.deliver()
    token = outdated_then_signed_in_again(handler, token)
    assert entitlements(handler, token) == ("prod_pro", ["projects.unlimited", "support.priority"], 2)
    assert account_page_features(handler, token) == ["Unlimited projects", "Priority support"]

    cancel = post(handler, f"/v1/subscriptions/{subscription['id']}/cancel", token)
    assert cancel.status == 200 and cancel.json()["cancel_at_period_end"], cancel.text
    assert stripe.deliver() == ["customer.subscription.updated"]  # Stripe keeps the features until the end
    assert entitlements(handler, token) == ("prod_pro", ["projects.unlimited", "support.priority"], 2)

    gateway.cancel_subscription(subscription["id"], at_period_end=False, observed_at=0)  # the period ends
    assert stripe.deliver() == ["customer.subscription.deleted", SUMMARY]
    token = outdated_then_signed_in_again(handler, token)
    assert entitlements(handler, token) == (None, [], 3)
    assert account_page_features(handler, token) == []


def test_a_signed_out_caller_is_refused(handler, mongo_client):
    response = invoke(handler, http_api_event("GET", "/v1/entitlements"))
    assert response.status == 401 and "Not authenticated" in response.json()["detail"]


def test_the_pricing_page_lists_each_plans_features(gateway, mongo_client):
    from checkout_handler import handler as checkout

    page = invoke(checkout, http_api_event("GET", "/pricing", headers={"accept": "text/html"}))
    assert page.status == 200, page.text
    starter, pro = (
        page.text.split('aria-label="Starter includes"')[1],
        page.text.split('aria-label="Pro includes"')[1],
    )
    assert "<li>Basic projects</li>" in starter.split("</ul>")[0]
    assert [
        f in pro.split("</ul>")[0] for f in ("<li>Unlimited projects</li>", "<li>Priority support</li>")
    ] == [True, True]
