"""Account mail in headless Chromium against `make dev`: sign up, open the verification link from the
local outbox page, the banner is gone; then forgot password, reset from the mailed link, sign in."""

from __future__ import annotations

import pytest

from tests.browser.test_checkout_flow import PASSWORD, VIEWPORTS, browser, dev_server, sign_up_from_pricing

pytestmark = pytest.mark.browser
__all__ = ["browser", "dev_server"]  # the fixtures, shared with the checkout flow

NEW_PASSWORD = "a brand new passphrase"


def open_newest_link(page, base: str, to: str) -> None:
    """The outbox page lists the newest mail first; follow its link, as a reader of that inbox would."""
    page.goto(f"{base}/_local/outbox")
    mail = page.locator("article", has_text=f"To {to}").first
    mail.get_by_role("link").first.click()


def test_verify_from_the_outbox_then_forgot_reset_and_sign_in(dev_server, browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(f"{dev_server}/pricing")
    sign_up_from_pricing(page, dev_server, "mail@example.com")
    assert page.locator("#verify-banner").is_visible()

    open_newest_link(page, dev_server, "mail@example.com")
    page.wait_for_url("**/v1/auth/email/verify?token=*")
    page.get_by_role("button", name="Confirm email").click()
    page.wait_for_url(f"{dev_server}/pricing")
    assert page.locator("#verify-banner").count() == 0
    assert context.request.get(f"{dev_server}/v1/auth/me").json()["email_verified"] is True

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{dev_server}/v1/auth/signin")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("mail@example.com")
    page.get_by_role("button", name="Email me a link").click()
    assert page.get_by_text("If an account uses this address").is_visible()

    open_newest_link(page, dev_server, "mail@example.com")
    page.wait_for_url("**/v1/auth/password/reset?token=*")
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set new password").click()
    page.wait_for_url("**/v1/auth/signin")
    page.get_by_label("Email").fill("mail@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_text("Invalid email or password").is_visible()
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{dev_server}/pricing?notice=signed-in")
    assert page.get_by_text("Signed in as mail@example.com").is_visible()
    context.close()
