"""The whole offline flow in headless Chromium: pricing → Checkout stand-in → success → saved subscription.

Runs `make dev`'s app (in-memory gateway, mongomock) in a subprocess on a free port, and saves a
screenshot of each page, at desktop and phone widths, under test-artifacts/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def dev_server():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "MONGODB_", "SETTINGS_"))}
    env.update(APP_STAGE="local", DEV_HOST="127.0.0.1", DEV_PORT=str(port), LOG_LEVEL="WARNING")
    server = subprocess.Popen(
        [sys.executable, "-m", "scripts.dev_server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/pricing", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"dev server did not start: {server.stderr.read().decode() if server.stderr else ''}"
                )
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_subscribe_pay_and_see_the_saved_subscription(dev_server, browser, viewport):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"{viewport}-{name}.png"), full_page=True)

    page.goto(f"{dev_server}/pricing")
    page.get_by_label("Email for your receipt").fill(f"{viewport}@example.com")
    page.get_by_label("Email for your receipt").press("Enter")  # must not pick a plan by itself
    page.wait_for_timeout(500)
    assert page.url == f"{dev_server}/pricing"
    shot("1-pricing")
    page.get_by_role("button", name="Subscribe to Pro, $29.00 per month").click()

    page.wait_for_url("**/_local/stripe/checkout/cs_test_*")
    assert page.get_by_role("heading", name="Subscribe to Pro").is_visible()
    assert page.get_by_label("Email").input_value() == f"{viewport}@example.com"
    shot("2-checkout")
    page.get_by_role("button", name="Pay $29.00").click()

    page.wait_for_url("**/v1/checkout/success?session_id=cs_test_*")
    assert page.get_by_role("heading", name="Thank you!").is_visible()
    assert page.get_by_text("Pro, $29.00 per month").is_visible()
    assert page.get_by_text(f"{viewport}@example.com").is_visible()
    shot("3-success")
    page.reload()  # a reload records nothing new
    assert page.get_by_role("heading", name="Thank you!").is_visible()

    saved = httpx.get(
        f"{dev_server}/v1/subscriptions", params={"customer_id": _customer_id(dev_server, viewport)}
    )
    assert saved.status_code == 200
    [subscription] = saved.json()["data"]
    assert (subscription["price_id"], subscription["status"]) == ("price_pro_monthly", "active")
    assert subscription["customer_email"] == f"{viewport}@example.com"
    context.close()


def test_canceling_on_checkout_goes_back_to_pricing(dev_server, browser):
    page = browser.new_page(viewport=VIEWPORTS["phone"])
    page.goto(f"{dev_server}/")
    page.get_by_role("button", name="Subscribe to Starter, $9.00 per month").click()
    page.wait_for_url("**/_local/stripe/checkout/*")
    page.get_by_role("link", name="Cancel and go back").click()
    page.wait_for_url("**/v1/checkout/cancel")
    assert page.get_by_text("You were not charged").is_visible()
    page.screenshot(path=str(ARTIFACTS / "phone-4-cancel.png"), full_page=True)
    page.get_by_role("link", name="Back to pricing").click()
    page.wait_for_url("**/pricing")
    assert page.get_by_role("heading", name="Choose a plan").is_visible()
    page.close()


def _customer_id(base: str, viewport: str) -> str:
    customers = httpx.get(f"{base}/v1/customers", params={"limit": 100}).json()["data"]
    return next(c["id"] for c in customers if c["email"] == f"{viewport}@example.com")
