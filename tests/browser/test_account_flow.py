"""Subscriber self-service in headless Chromium against `make dev`: sign up → subscribe → the account page
shows the plan and its features; switch plan (the features follow); cancel at period end ("Ends on"); resume ("Renews on"); sign another
device out (its next request is a 401). The account page is photographed in each state at the
desktop and phone widths, under test-artifacts/ (git-ignored)."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_checkout_flow import (
    ARTIFACTS,
    PASSWORD,
    VIEWPORTS,
    browser,
    dev_server,
    sign_up_from_pricing,
)

pytestmark = pytest.mark.browser
__all__ = ["browser", "dev_server"]  # the fixtures, shared with the checkout flow


def subscribe_to_pro(page, base: str, email: str) -> None:
    page.get_by_role("button", name="Subscribe to Pro, $29.00 per month").click()
    page.wait_for_url("**/_local/stripe/checkout/cs_test_*")
    assert page.get_by_text("Signed in as").is_visible(), "the stand-in keeps the signed-in header"
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Pay $29.00").click()
    page.wait_for_url("**/v1/checkout/success?session_id=cs_test_*")
    page.get_by_role("link", name="Go to your account").click()
    page.wait_for_url(f"{base}/account")


def features_on(page) -> list[str]:
    """The account page's feature list. The checkout's summary webhook is delivered after the payer is
    redirected (as at Stripe), so the page is reloaded until it has arrived (a bounded number of times)."""
    for _ in range(20):
        if page.locator("#features li").count():
            break
        page.reload()
    return page.locator("#features li").all_inner_texts()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_account_page_plan_switch_cancel_resume_and_devices(dev_server, browser, viewport):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    email = f"account-{viewport}@example.com"
    shots = []

    def shot(name: str) -> None:
        path = ARTIFACTS / f"{viewport}-account-{name}.png"
        path.unlink(missing_ok=True)
        page.screenshot(path=str(path), full_page=True)
        shots.append(path)

    page.goto(f"{dev_server}/pricing")
    sign_up_from_pricing(page, dev_server, email)
    subscribe_to_pro(page, dev_server, email)
    assert page.locator("#plan").inner_text() == "Pro"
    assert page.locator("#status").inner_text() == "Active"
    assert page.locator("#renews-on").is_visible() and page.locator("#ends-on").count() == 0
    assert features_on(page) == ["Unlimited projects", "Priority support"]
    shot("1-active")

    page.get_by_label("Change plan").select_option(label="Starter, $9.00 per month")
    page.get_by_role("button", name="Switch plan").click()
    page.wait_for_url(f"{dev_server}/account?notice=switched")
    assert page.get_by_text("Your plan is changed.").is_visible()
    assert page.locator("#plan").inner_text() == "Starter"
    # Stripe's webhooks for the switch (offline: delivered before the answer) changed the features.
    assert page.locator("#features li").all_inner_texts() == ["Basic projects"]
    shot("2-switched")

    page.get_by_role("link", name="Cancel subscription").click()
    page.wait_for_url(f"{dev_server}/account?confirm=cancel")
    assert page.get_by_text("Cancel your Starter subscription?").is_visible()
    shot("3-confirm-cancel")
    page.get_by_role("button", name="Yes, cancel at period end").click()
    page.wait_for_url(f"{dev_server}/account?notice=canceled")
    ends_on = page.locator("#ends-on").inner_text()
    assert re.fullmatch(r"[A-Z][a-z]+ \d{1,2}, \d{4}", ends_on) and page.locator("#renews-on").count() == 0
    assert f"ends on {ends_on}" in page.locator("#status").inner_text()
    shot("4-ends-on")

    page.get_by_role("button", name="Resume subscription").click()
    page.wait_for_url(f"{dev_server}/account?notice=resumed")
    assert page.locator("#renews-on").inner_text() == ends_on and page.locator("#ends-on").count() == 0
    shot("5-resumed")

    page.goto(f"{dev_server}/pricing")
    assert page.get_by_label("Your current plan: Starter, $9.00 per month").is_visible()
    assert page.get_by_role("button", name="Switch to Pro, $29.00 per month").is_visible()

    other = browser.new_context(viewport=VIEWPORTS["phone"])
    other_page = other.new_page()
    other_page.goto(f"{dev_server}/v1/auth/signin?next=/account")
    other_page.get_by_label("Email").fill(email)
    other_page.get_by_label("Password").fill(PASSWORD)
    other_page.get_by_role("button", name="Sign in").click()
    other_page.wait_for_url(f"{dev_server}/account?notice=signed-in")
    assert other.request.get(f"{dev_server}/v1/auth/me").status == 200

    page.goto(f"{dev_server}/account")
    devices = page.locator("li.device")
    assert devices.count() == 2 and devices.first.get_by_text("This device").is_visible()
    shot("6-two-devices")
    devices.filter(has_not_text="This device").get_by_role("button", name=re.compile("^Sign out")).click()
    page.wait_for_url(f"{dev_server}/account?notice=device-signed-out")
    assert page.locator("li.device").count() == 1
    assert other.request.get(f"{dev_server}/v1/auth/me").status == 401, "that device's next request"
    assert context.request.get(f"{dev_server}/v1/auth/me").status == 200
    shot("7-one-device")

    for path in shots:
        assert path.stat().st_size > 0, path
    other.close()
    context.close()
