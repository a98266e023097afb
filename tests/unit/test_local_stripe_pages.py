"""The dev server's stand-in for Stripe's hosted pages: mounted offline only, never in a function."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from saas_billing.infra.settings.loader import reset_settings
from scripts.dev_server import build_dev_app
from scripts.template_model import functions
from tests.support.auth_client import PASSWORD, install_cheap_hasher


@pytest.fixture
def client(gateway, mongo_client):
    """Signed up as grace@example.com: subscribing needs an account."""
    install_cheap_hasher()
    client = TestClient(build_dev_app(), follow_redirects=False)
    signed_up = client.post("/v1/auth/register", data={"email": "grace@example.com", "password": PASSWORD})
    assert signed_up.status_code == 303
    return client


FORM = {"origin": "http://testserver", "content-type": "application/x-www-form-urlencoded"}


def start_checkout(client) -> str:
    response = client.post(
        "/v1/checkout/sessions", data={"price_id": "price_starter_yearly", "request_token": "t"}
    )
    assert response.status_code == 303
    return response.headers["location"].removeprefix("http://testserver")


def test_pay_completes_the_session_and_redirects_to_the_success_url(client, gateway):
    checkout_path = start_checkout(client)
    page = client.get(checkout_path)
    assert page.status_code == 200 and "Subscribe to Starter" in page.text and "Pay $90.00" in page.text
    assert 'value="grace@example.com"' in page.text, "the account's customer email is pre-filled"
    session_id = checkout_path.rsplit("/", 1)[1]
    paid = client.post(f"{checkout_path}/pay", data={"email": "grace@example.com"})
    assert paid.status_code == 303
    assert paid.headers["location"] == f"http://testserver/v1/checkout/success?session_id={session_id}"
    assert gateway.state.checkout_sessions[session_id]["status"] == "complete"
    success = client.get(paid.headers["location"])
    assert success.status_code == 200 and "Starter, $90.00 per year" in success.text
    listed = client.get("/v1/subscriptions").json()["data"]
    assert [s["customer_email"] for s in listed] == ["grace@example.com"]
    # The summary webhook came after the completed checkout, signed like it: the features are stored.
    assert client.get("/v1/entitlements").json()["features"] == ["projects.basic"]


def test_the_portal_stand_in_lists_the_customers_subscriptions(client, gateway):
    checkout_path = start_checkout(client)
    client.post(f"{checkout_path}/pay", data={"email": "grace@example.com"})
    customer_id = next(iter(gateway.state.customers))
    portal = client.post("/v1/billing/portal", json={"customer_id": customer_id}).json()
    page = client.get(portal["url"].removeprefix("http://testserver"))
    assert (
        page.status_code == 200 and "Starter" in page.text and 'href="http://testserver/account"' in page.text
    )
    assert "Signed in as <strong>grace@example.com</strong>" in page.text, "the signed-in header"


def open_portal(client) -> tuple[str, str]:
    """Subscribed to Starter yearly, then in the portal (as the account page's form does): (path, sub id)."""
    checkout_path = start_checkout(client)
    client.post(f"{checkout_path}/pay", data={"email": "grace@example.com"})
    portal = client.post("/v1/billing/portal", content=b"", headers=FORM)
    assert portal.status_code == 303
    [subscription] = client.get("/v1/subscriptions").json()["data"]
    return portal.headers["location"].removeprefix("http://testserver"), subscription["id"]


def stored(client) -> dict:
    [subscription] = client.get("/v1/subscriptions").json()["data"]
    return subscription


def act(client, portal_path: str, subscription_id: str, action: str, **form):
    response = client.post(f"{portal_path}/subscriptions/{subscription_id}/{action}", data=form, headers=FORM)
    assert response.status_code == 303 and response.headers["location"] == portal_path
    return client.get(portal_path)


def test_the_portal_cancels_at_period_end_and_resumes_through_signed_webhooks(client, gateway):
    portal_path, subscription_id = open_portal(client)
    page = act(client, portal_path, subscription_id, "cancel-at-period-end")
    assert "Ends on" in page.text and "Renew subscription" in page.text
    assert gateway.state.events[-1]["type"] == "customer.subscription.updated"
    saved = stored(client)  # written by the delivered webhook alone: the portal never calls our API
    assert saved["cancel_at_period_end"] is True and saved["ends_at"] == saved["current_period_end"]
    page = act(client, portal_path, subscription_id, "resume")
    assert "Renews on" in page.text and "Cancel at period end" in page.text
    saved = stored(client)
    assert saved["cancel_at_period_end"] is False and saved["ends_at"] is None and saved["cancel_at"] is None


def test_renewing_in_the_portal_also_ends_a_scheduled_end_date(client, gateway):
    """Stripe's portal renews a subscription whichever way its end was set: a date (`cancel_at`) too."""
    portal_path, subscription_id = open_portal(client)
    gateway.schedule_cancellation(subscription_id, int(time.time()) + 7 * 86_400)
    page = act(client, portal_path, subscription_id, "resume")
    assert "Renews on" in page.text
    assert gateway.state.subscriptions[subscription_id]["cancel_at"] is None
    saved = stored(client)
    assert saved["ends_at"] is None and saved["cancel_at"] is None


def test_the_portal_switches_plan_and_cancels_now(client, gateway):
    portal_path, subscription_id = open_portal(client)
    act(client, portal_path, subscription_id, "switch", price_id="price_pro_monthly")
    assert stored(client)["price_id"] == "price_pro_monthly"
    assert client.get("/v1/entitlements").json()["features"] == ["projects.unlimited", "support.priority"]
    page = act(client, portal_path, subscription_id, "cancel-now")
    assert [e["type"] for e in gateway.state.events[-2:]] == [
        "customer.subscription.deleted",
        "entitlements.active_entitlement_summary.updated",  # the end takes the features away
    ]
    assert stored(client)["status"] == "canceled" and "Cancel now" not in page.text
    after = client.get("/v1/entitlements").json()
    assert (after["plan"], after["features"]) == (None, [])


def test_the_portal_acts_only_on_its_own_customers_subscriptions(client, gateway):
    portal_path, subscription_id = open_portal(client)
    other = client.post(f"{portal_path}/subscriptions/sub_someone_else/cancel-now", headers=FORM)
    assert other.status_code == 404
    assert gateway.state.subscriptions[subscription_id]["status"] == "active"


def test_unknown_sessions_are_404(client):
    assert client.get("/_local/stripe/checkout/cs_test_nope").status_code == 404
    assert client.post("/_local/stripe/checkout/cs_test_nope/pay").status_code == 404


def test_the_stand_in_is_not_mounted_with_a_stripe_key_nor_served_by_any_function(monkeypatch):
    monkeypatch.setenv("STRIPE_API_KEY", "sk_test_123")
    reset_settings()
    response = TestClient(build_dev_app()).get("/_local/stripe/checkout/cs_test_1")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}, "no such route"
    for spec in functions():
        assert not any(route.path.startswith("/_local") for route in spec.routes)


def test_a_plan_switch_through_our_api_delivers_stripes_webhooks_before_answering(client, gateway):
    """Stripe sends webhooks for changes made through its API too; offline they arrive before the answer."""
    _portal_path, subscription_id = open_portal(client)
    assert client.get("/v1/entitlements").json()["features"] == ["projects.basic"]
    first_new = len(gateway.state.events)
    switched = client.post(
        f"/v1/subscriptions/{subscription_id}/change", json={"price_id": "price_pro_yearly"}
    )
    assert switched.status_code == 200, switched.text
    assert [e["type"] for e in gateway.state.events[first_new:]] == [
        "customer.subscription.updated",
        "entitlements.active_entitlement_summary.updated",
    ]
    assert client.get("/v1/entitlements").json()["features"] == ["projects.unlimited", "support.priority"]
