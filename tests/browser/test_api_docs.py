"""`/docs` and `/redoc` render in headless Chromium with every request to another host refused, as on a
laptop with no network (the issue: a blank page and `SwaggerUIBundle is not defined`). Screenshots go
to test-artifacts/."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest

from tests.browser.test_checkout_flow import ARTIFACTS, VIEWPORTS, browser, dev_server

pytestmark = pytest.mark.browser
__all__ = ["browser", "dev_server"]  # the fixtures, shared with the checkout flow


def offline_page(browser, base: str):
    """A page whose requests to any host but the dev server are aborted and recorded."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    elsewhere: list[str] = []
    errors: list[str] = []
    local = urlsplit(base).netloc

    def route(request_route) -> None:
        if urlsplit(request_route.request.url).netloc == local:
            request_route.continue_()
        else:
            elsewhere.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, elsewhere, errors


def test_swagger_ui_renders_every_operation_and_authorize_offline(dev_server, browser):
    operations = sum(len(ops) for ops in httpx.get(f"{dev_server}/openapi.json").json()["paths"].values())
    page, elsewhere, errors = offline_page(browser, dev_server)
    page.goto(f"{dev_server}/docs")
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() == operations
    page.get_by_role("button", name="Authorize").first.click()
    dialog = page.locator(".modal-ux")
    dialog.get_by_text("bearerAuth").wait_for()
    assert dialog.get_by_text("sessionCookie").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-swagger-authorize.png"))
    assert (elsewhere, errors) == ([], [])


def test_redoc_renders_the_tags_in_flow_order_offline(dev_server, browser):
    page, elsewhere, errors = offline_page(browser, dev_server)
    page.goto(f"{dev_server}/redoc")
    menu = page.locator("[role=menuitem]")
    menu.first.wait_for()
    labels = [label.strip().lower() for label in menu.all_inner_texts()]
    tags = ["auth", "catalog", "checkout", "subscriptions", "customers", "webhooks"]
    assert [label for label in labels if label in tags] == tags
    page.screenshot(path=str(ARTIFACTS / "docs-redoc.png"), full_page=False)
    assert (elsewhere, errors) == ([], [])
