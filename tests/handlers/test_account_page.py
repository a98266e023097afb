"""The account page through the handlers, as a browser holding session cookies sees it: the subscription
in words with its actions, devices with per-device sign-out, the signed-in header on every page, and
the confirmations that follow an action."""

from __future__ import annotations

import pytest

from tests.support.accounts import auth_handler, sign_up
from tests.support.browser import Browser
from tests.support.webhooks import delivery


@pytest.fixture
def handlers(gateway, mongo_client):
    from checkout_handler import handler as checkout
    from subscriptions_handler import handler as subscriptions
    from webhooks_handler import handler as webhooks

    return {
        "checkout": checkout,
        "subscriptions": subscriptions,
        "webhooks": webhooks,
        "auth": auth_handler(),
    }


def on(browser: Browser, handler) -> Browser:
    browser.handler = handler  # same cookies, another function
    return browser


@pytest.fixture
def ada(handlers) -> Browser:
    return sign_up("ada@example.com")


def subscribed(ada: Browser, handlers, gateway, price_id: str = "price_pro_monthly") -> dict:
    on(ada, handlers["checkout"])
    location = ada.post("/v1/checkout/sessions", form={"price_id": price_id, "request_token": "p"}).headers[
        "location"
    ]
    session_id = location.rsplit("/", 1)[1]
    gateway.complete_checkout(session_id)
    success = ada.get("/v1/checkout/success", query={"session_id": session_id})
    assert 'href="/account">Go to your account</a>' in success.text
    assert "Signed in as <strong>ada@example.com</strong>" in success.text
    on(ada, handlers["subscriptions"])
    return gateway.state.subscriptions[gateway.state.checkout_sessions[session_id]["subscription"]]


def test_a_new_account_has_no_subscription_and_is_pointed_at_the_plans(ada, handlers):
    page = on(ada, handlers["subscriptions"]).get("/account")
    assert (
        page.status == 200 and "You have no subscription yet" in page.text and 'href="/pricing"' in page.text
    )
    assert "Manage billing" not in page.text, "no customer at Stripe yet"
    assert (
        'href="/account">Your account</a>' in page.text and 'class="secondary">Sign out</button>' in page.text
    )


def test_a_subscriber_sees_plan_price_status_renewal_and_the_actions(ada, handlers, gateway):
    subscription = subscribed(ada, handlers, gateway)
    page = ada.get("/account")
    assert 'id="plan">Pro</dd>' in page.text and "$29.00 per month" in page.text
    assert (
        'id="status">Active</dd>' in page.text
        and 'id="renews-on"' in page.text
        and "Ends on" not in page.text
    )
    assert 'action="/v1/billing/portal"' in page.text and 'href="/account?confirm=cancel"' in page.text
    assert f'action="/v1/subscriptions/{subscription["id"]}/change"' in page.text
    assert 'value="price_starter_monthly"' in page.text and 'value="price_pro_monthly"' not in page.text
    assert 'id="attention"' not in page.text


def test_cancel_asks_for_confirmation_then_shows_ends_on_and_resume(ada, handlers, gateway):
    subscription = subscribed(ada, handlers, gateway)
    confirm = ada.get("/account", query={"confirm": "cancel"})
    assert "Cancel your Pro subscription?" in confirm.text
    assert f'action="/v1/subscriptions/{subscription["id"]}/cancel"' in confirm.text
    done = ada.post(f"/v1/subscriptions/{subscription['id']}/cancel", form={})
    assert done.headers["location"] == "/account?notice=canceled"
    page = ada.get("/account", query={"notice": "canceled"})
    assert "it ends at the end of the paid period" in page.text
    assert 'id="ends-on"' in page.text and "Renews on" not in page.text and "Resume subscription" in page.text
    ada.post(f"/v1/subscriptions/{subscription['id']}/resume", form={})
    page = ada.get("/account", query={"notice": "resumed"})
    assert 'id="renews-on"' in page.text and "Ends on" not in page.text and "renews as usual" in page.text


def test_a_failed_renewal_reads_past_due_with_what_to_do(ada, handlers, gateway):
    subscription = subscribed(ada, handlers, gateway)
    gateway.renew_subscription(subscription["id"], paid=False)
    updated = [e for e in gateway.state.events if e["type"] == "customer.subscription.updated"][-1]
    updated["created"] += 5  # whole seconds: after the success page's read
    assert invoke_webhook(handlers, updated).status == 200
    page = ada.get("/account")
    assert 'id="status">Past due</dd>' in page.text and "Update your card in Manage billing" in page.text


def invoke_webhook(handlers, event):
    from tests.support.lambda_events import invoke

    return invoke(handlers["webhooks"], delivery(event))


def test_only_known_confirmations_are_shown(ada, handlers):
    on(ada, handlers["subscriptions"])
    assert "Your plan is changed." in ada.get("/account", query={"notice": "switched"}).text
    crafted = ada.get("/account", query={"notice": "<script>alert(1)</script>"})
    assert crafted.status == 200 and "<script>" not in crafted.text and 'id="notice"' not in crafted.text


def test_devices_are_listed_and_another_one_can_be_signed_out(ada, handlers):
    phone = Browser(handlers["auth"], user_agent="Mozilla/5.0 (iPhone) Safari/605.1")
    phone.post(
        "/v1/auth/login", form={"email": "ada@example.com", "password": "correct horse battery staple"}
    )
    assert phone.get("/v1/auth/me").status == 200
    laptop = on(ada, handlers["subscriptions"])
    page = laptop.get("/account")
    assert (
        page.text.count('class="device"') == 2
        and "This device" in page.text
        and "Safari on iPhone" in page.text
    )
    devices = on(laptop, handlers["auth"]).get("/v1/auth/devices").json()["data"]
    phone_id = next(d["device_id"] for d in devices if not d["current"])
    signed_out = laptop.post(f"/v1/auth/devices/{phone_id}/logout", form={})
    assert signed_out.headers["location"] == "/account?notice=device-signed-out"
    assert phone.get("/v1/auth/me").status == 401, "that device's next request"
    assert laptop.get("/v1/auth/me").status == 200


def test_sign_out_everywhere_else_keeps_this_device(ada, handlers):
    others = [Browser(handlers["auth"], user_agent=f"agent-{n}") for n in range(2)]
    for other in others:
        other.post(
            "/v1/auth/login", form={"email": "ada@example.com", "password": "correct horse battery staple"}
        )
    on(ada, handlers["auth"])
    done = ada.post("/v1/auth/logout-others", form={})
    assert done.headers["location"] == "/account?notice=others-signed-out"
    assert [o.get("/v1/auth/me").status for o in others] == [401, 401]
    assert [d["current"] for d in ada.get("/v1/auth/devices").json()["data"]] == [True]


def test_pricing_marks_the_current_plan_and_offers_switch(ada, handlers, gateway):
    subscription = subscribed(ada, handlers, gateway)
    page = on(ada, handlers["checkout"]).get("/pricing")
    assert "Your current plan: Pro, $29.00 per month" in page.text
    assert ">Subscribe</button>" not in page.text and ">Switch</button>" in page.text
    assert f'formaction="https://api.example.com/v1/subscriptions/{subscription["id"]}/change"' in page.text


def test_a_visitor_is_sent_to_sign_in_and_back(handlers):
    page = Browser(handlers["subscriptions"]).get("/account")
    assert (page.status, page.headers["location"]) == (303, "/v1/auth/signin?next=/account")


def test_manage_billing_opens_the_subscriptions_customer_when_the_account_stored_none(ada, handlers, gateway, mongo_client):  # fmt: skip
    from saas_billing.infra.settings.loader import get_settings

    subscription = subscribed(ada, handlers, gateway)
    users = mongo_client[get_settings().mongodb_database]["users"]
    assert users.update_one(
        {"email": "ada@example.com"}, {"$unset": {"stripe_customer_id": ""}}
    ).modified_count
    portal = ada.post("/v1/billing/portal", form={})
    assert portal.status == 303 and "/_local/stripe/portal/" in portal.headers["location"], portal.text
    assert [s["customer"] for s in gateway.state.portal_sessions.values()] == [subscription["customer"]]
