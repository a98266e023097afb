"""Plan change, cancel at period end, resume and the portal form through the subscriptions handler.

Stored state follows Stripe's answer (then webhooks, by the same order-safe rule); a form gets a 303 to
the account page with a confirmation, a JSON client the stored subscription.
"""

from __future__ import annotations

import json

from scripts.make_event import http_api_event
from tests.handlers.test_subscription_ownership import ada, handler  # noqa: F401  (shared fixtures)
from tests.support.accounts import access_token, sign_up, subscribe
from tests.support.lambda_events import invoke
from tests.support.webhooks import delivery

FORM = {"content-type": "application/x-www-form-urlencoded", "origin": "https://api.example.com"}


def webhooks_handler():
    from webhooks_handler import handler

    return handler


def post(handler, path: str, token: str, body: dict | None = None, form: str | None = None):
    headers = {"authorization": f"Bearer {token}"}
    if form is not None:
        headers.update(FORM)
        return invoke(handler, http_api_event("POST", path, headers=headers, body=form))
    headers["content-type"] = "application/json"
    return invoke(handler, http_api_event("POST", path, headers=headers, body=json.dumps(body or {})))


def test_a_plan_change_moves_the_item_with_proration_and_an_idempotency_key(handler, gateway, ada):
    token, subscription = ada
    item_id = subscription["items"]["data"][0]["id"]
    response = post(
        handler, f"/v1/subscriptions/{subscription['id']}/change", token, {"price_id": "price_pro_yearly"}
    )
    assert response.status == 200, response.text
    assert response.json()["price_id"] == "price_pro_yearly" and response.json()["status"] == "active"
    at_stripe = gateway.state.subscriptions[subscription["id"]]["items"]["data"]
    assert [(i["id"], i["price"]["id"]) for i in at_stripe] == [(item_id, "price_pro_yearly")]
    [(params, _)] = [v for k, v in gateway.state.idempotent_results.items() if k.startswith("change-plan")]
    assert params == {
        "items": [{"id": item_id, "price": "price_pro_yearly"}],
        "proration_behavior": "create_prorations",
    }
    event = gateway.state.events[-1]
    assert (
        event["type"] == "customer.subscription.updated" and "items" in event["data"]["previous_attributes"]
    )


def test_switching_back_later_is_a_new_request_at_stripe(handler, gateway, ada):
    token, subscription = ada
    path = f"/v1/subscriptions/{subscription['id']}/change"
    for price_id in ("price_starter_monthly", "price_pro_monthly", "price_starter_monthly"):
        assert post(handler, path, token, {"price_id": price_id}).json()["price_id"] == price_id
    assert (
        gateway.state.subscriptions[subscription["id"]]["items"]["data"][0]["price"]["id"]
        == "price_starter_monthly"
    )


def test_someone_elses_subscription_an_unknown_or_inactive_price_are_404_and_the_same_price_400(handler, gateway, ada):  # fmt: skip
    token, subscription = ada
    path = f"/v1/subscriptions/{subscription['id']}/change"
    eve = access_token("eve@example.com")
    foreign = post(handler, path, eve, {"price_id": "price_starter_monthly"})
    assert foreign.status == 404 and subscription["id"] in foreign.json()["detail"]
    assert post(handler, path, token, {"price_id": "price_nope"}).status == 404
    gateway.state.prices["price_starter_yearly"]["active"] = False
    inactive = post(handler, path, token, {"price_id": "price_starter_yearly"})
    assert inactive.status == 404 and "not a plan on offer" in inactive.json()["detail"]
    same = post(handler, path, token, {"price_id": "price_pro_monthly"})
    assert same.status == 400 and "already on price" in same.json()["detail"]
    missing = post(handler, path, token, {})
    assert missing.status == 422 and "price_id" in missing.json()["detail"]
    assert (
        gateway.state.subscriptions[subscription["id"]]["items"]["data"][0]["price"]["id"]
        == "price_pro_monthly"
    )


def test_the_change_form_goes_back_to_the_account_page_with_a_confirmation(handler, ada):
    token, subscription = ada
    response = post(
        handler,
        f"/v1/subscriptions/{subscription['id']}/change",
        token,
        form="price_id=price_starter_monthly",
    )
    assert (response.status, response.headers["location"]) == (303, "/account?notice=switched")
    same = post(
        handler,
        f"/v1/subscriptions/{subscription['id']}/change",
        token,
        form="price_id=price_starter_monthly",
    )
    assert same.status == 400 and "already on price" in same.text and 'href="/account"' in same.text


def test_cancel_at_period_end_then_resume(handler, gateway, ada):
    token, subscription = ada
    base = f"/v1/subscriptions/{subscription['id']}"
    nothing = post(handler, f"{base}/resume", token)
    assert nothing.status == 400 and "not scheduled to end" in nothing.json()["detail"]
    canceled = post(handler, f"{base}/cancel", token, form="")
    assert (canceled.status, canceled.headers["location"]) == (303, "/account?notice=canceled")
    stored = post(handler, f"{base}/cancel", token).json()  # again, as JSON: the same state
    assert stored["cancel_at_period_end"] is True and stored["ends_at"] == stored["current_period_end"]
    assert gateway.state.subscriptions[subscription["id"]]["status"] == "active"
    resumed = post(handler, f"{base}/resume", token)
    assert resumed.status == 200, resumed.text
    body = resumed.json()
    assert body["cancel_at_period_end"] is False and body["cancel_at"] is None and body["ends_at"] is None
    at_stripe = gateway.state.subscriptions[subscription["id"]]
    assert (at_stripe["cancel_at_period_end"], at_stripe["cancel_at"]) == (False, None)
    form = post(handler, f"{base}/cancel", token, form="")
    assert post(handler, f"{base}/resume", token, form="").headers["location"] == "/account?notice=resumed"
    assert form.status == 303


def test_resume_clears_a_scheduled_end_date_set_on_its_own(handler, gateway, ada, clock):
    token, subscription = ada
    end = int(clock.now().timestamp()) + 20 * 86400
    event = gateway.schedule_cancellation(subscription["id"], end)
    event["created"] = int(clock.now().timestamp()) + 1  # after the success page's read, in whole seconds
    assert invoke(webhooks_handler(), delivery(event)).status == 200
    read = http_api_event(
        "GET", f"/v1/subscriptions/{subscription['id']}", headers={"authorization": f"Bearer {token}"}
    )
    stored = invoke(handler, read).json()
    assert stored["cancel_at"] and stored["cancel_at_period_end"] is False
    clock.advance(seconds=2)
    resumed = post(handler, f"/v1/subscriptions/{subscription['id']}/resume", token)
    assert resumed.status == 200 and resumed.json()["ends_at"] is None
    assert gateway.state.subscriptions[subscription["id"]]["cancel_at"] is None


def test_a_canceled_subscription_cannot_change_or_resume(handler, ada):
    token, subscription = ada
    base = f"/v1/subscriptions/{subscription['id']}"
    headers = {"authorization": f"Bearer {token}"}
    assert invoke(handler, http_api_event("DELETE", base, headers=headers)).json()["status"] == "canceled"
    for path, body in ((f"{base}/change", {"price_id": "price_starter_monthly"}), (f"{base}/resume", {})):
        refused = post(handler, path, token, body)
        assert refused.status == 400 and "has ended" in refused.json()["detail"]


def test_the_portal_form_redirects_to_stripes_page_and_json_gets_the_url(handler, gateway, ada):
    token, subscription = ada
    form = post(handler, "/v1/billing/portal", token, form="")
    assert form.status == 303 and "/_local/stripe/portal/bps_" in form.headers["location"]
    [portal] = gateway.state.portal_sessions.values()
    assert portal["customer"] == subscription["customer"]
    assert portal["return_url"] == "https://api.example.com/account"
    api = post(handler, "/v1/billing/portal", token)
    assert api.status == 200 and "/_local/stripe/portal/bps_" in api.json()["url"]


def test_a_cookie_signed_form_from_another_site_is_refused(handler, gateway):
    browser = sign_up("mia@example.com")
    subscription = subscribe(gateway, access_token("mia-api@example.com"))
    browser.handler = handler
    path = f"/v1/subscriptions/{subscription['id']}/cancel"
    forged = browser.post(path, form={}, headers={"origin": "https://evil.example"})
    assert forged.status == 403 and "Cross-site" in forged.text  # a form: a page of the same status
    assert gateway.state.subscriptions[subscription["id"]]["cancel_at_period_end"] is False
