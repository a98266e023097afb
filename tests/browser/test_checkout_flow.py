"""The whole offline flow in headless Chromium: pricing → sign up → Checkout stand-in → success → saved.

Runs `make dev` (in-memory gateway, its own local MongoDB server) in a subprocess on a free port, and saves a
screenshot of each page, at desktop and phone widths, under test-artifacts/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.dev_server import running_dev_server

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def dev_server(tmp_path):
    with running_dev_server(tmp_path) as base:
        yield base


@pytest.fixture
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


PASSWORD = "correct horse battery staple"


def sign_up_from_pricing(page, base: str, email: str) -> None:
    """Pricing → Sign up → the form → back at pricing, signed in."""
    page.get_by_role("link", name="Sign up").click()
    page.wait_for_url("**/v1/auth/signup?next=/pricing")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{base}/pricing?notice=signed-up")
    assert page.get_by_text(f"Signed in as {email}").is_visible()
    assert page.get_by_role("status").filter(has_text="Welcome! Your account is ready.").is_visible()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_sign_up_subscribe_pay_and_see_the_saved_subscription(dev_server, browser, viewport):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    email = f"{viewport}@example.com"

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{viewport}-{name}.png"), full_page=True)

    page.goto(f"{dev_server}/pricing")
    assert page.get_by_text("Sign in or create an account to subscribe.").is_visible()
    assert page.get_by_role("link", name="Sign in to subscribe to Pro, $29.00 per month").is_visible()
    shot("1-pricing-signed-out")
    sign_up_from_pricing(page, dev_server, email)
    shot("2-pricing-signed-in")
    page.get_by_role("button", name="Subscribe to Pro, $29.00 per month").click()

    page.wait_for_url("**/_local/stripe/checkout/cs_test_*")
    assert page.get_by_role("heading", name="Subscribe to Pro").is_visible()
    page.get_by_label("Email").fill(email)
    shot("3-checkout")
    page.get_by_role("button", name="Pay $29.00").click()

    page.wait_for_url("**/v1/checkout/success?session_id=cs_test_*")
    assert page.get_by_role("heading", name="Thank you!").is_visible()
    assert page.get_by_text("Pro, $29.00 per month").is_visible()
    assert page.locator("main").get_by_text(email).is_visible()
    shot("4-success")
    page.reload()  # a reload records nothing new
    assert page.get_by_role("heading", name="Thank you!").is_visible()

    # The browser's own session (its cookies), as the account's API client would ask.
    saved = context.request.get(f"{dev_server}/v1/subscriptions")
    assert saved.status == 200, saved.text()
    [subscription] = saved.json()["data"]
    assert (subscription["price_id"], subscription["status"]) == ("price_pro_monthly", "active")
    assert subscription["customer_email"] == email
    me = context.request.get(f"{dev_server}/v1/auth/me").json()
    assert me["subscription"]["id"] == subscription["id"]
    assert me["stripe_customer_id"] == subscription["customer_id"]
    context.close()


def test_a_visitor_subscribing_signs_up_first_and_canceling_goes_back_to_pricing(dev_server, browser):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(f"{dev_server}/")
    page.get_by_role("link", name="Sign in to subscribe to Starter, $9.00 per month").click()
    page.wait_for_url("**/v1/auth/signin?next=/pricing")
    page.get_by_role("link", name="Create an account").first.click()
    page.wait_for_url("**/v1/auth/signup?next=/pricing")
    page.get_by_label("Email").fill("visitor@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{dev_server}/pricing?notice=signed-up")
    page.get_by_role("button", name="Subscribe to Starter, $9.00 per month").click()
    page.wait_for_url("**/_local/stripe/checkout/*")
    page.get_by_role("link", name="Cancel and go back").click()
    page.wait_for_url("**/v1/checkout/cancel")
    assert page.get_by_text("You were not charged").is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone-5-cancel.png"), full_page=True)
    page.get_by_role("link", name="Back to pricing").click()
    page.wait_for_url("**/pricing")
    assert page.get_by_role("heading", name="Choose a plan").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/pricing?notice=signed-out")
    assert page.get_by_role("link", name="Sign up").is_visible()
    assert page.get_by_text("You are signed out.").is_visible()
    assert context.request.get(f"{dev_server}/v1/subscriptions").status == 401
    context.close()
