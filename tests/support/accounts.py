"""Signed-in callers for handler tests of any function: accounts made through the auth function's handler.

Events of routes that need sign-in carry `Authorization: Bearer SIGNED_IN_USER_TOKEN` (or ..._ADMIN_...);
`signed_in_event` swaps the placeholder for a real token. Sent as they are, they get 401.
"""

from __future__ import annotations

import copy

from scripts.create_admin import create_admin
from tests.support.auth_client import PASSWORD, install_cheap_hasher
from tests.support.browser import Browser

USER_PLACEHOLDER = "Bearer SIGNED_IN_USER_TOKEN"
ADMIN_PLACEHOLDER = "Bearer SIGNED_IN_ADMIN_TOKEN"


def auth_handler():
    from auth_handler import handler

    install_cheap_hasher()
    return handler


def sign_up(email: str, *, admin: bool = False) -> Browser:
    """A browser that signed up through the form (so it holds the session cookies); an admin is created
    by the CLI first, as an operator would, and then signs in through the form."""
    browser = Browser(auth_handler())
    if admin:
        create_admin(email, ask_password=lambda: PASSWORD)
        response = browser.post("/v1/auth/login", form={"email": email, "password": PASSWORD, "next": "/x"})
    else:
        response = browser.post(
            "/v1/auth/register", form={"email": email, "password": PASSWORD, "next": "/x"}
        )
    assert response.status == 303 and browser.jar, response.text
    return browser


def promote_verified(email: str):
    """An existing account whose owner verified the email, promoted with the CLI's --promote-existing."""
    from saas_billing.domain.email_address import normalize_email
    from saas_billing.infra.settings.loader import get_settings
    from saas_billing.routes.depends.auth_services_dep import user_repo

    users, email = user_repo(get_settings()), normalize_email(email)
    assert users.mark_verified(users.by_email(email).id, email)
    user, created = create_admin(email, ask_password=lambda: PASSWORD, promote_existing=True)
    assert user.is_admin and not created
    return user


def access_token(email: str, *, admin: bool = False) -> str:
    """An API client's bearer token for a new account (user, or admin)."""
    sign_up(email, admin=admin)
    response = Browser(auth_handler()).post("/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status == 200, response.text
    return response.json()["access_token"]


def user_id(token: str) -> str:
    response = Browser(auth_handler()).get("/v1/auth/me", headers={"authorization": f"Bearer {token}"})
    assert response.status == 200, response.text
    return response.json()["id"]


def bearer(event: dict, token: str) -> dict:
    event = copy.deepcopy(event)
    event["headers"]["authorization"] = f"Bearer {token}"
    return event


def signed_in_event(event: dict) -> dict:
    """The event with its placeholder replaced by a fresh account's token; unchanged without one."""
    placeholder = event.get("headers", {}).get("authorization")
    if placeholder == USER_PLACEHOLDER:
        return bearer(event, access_token("user@example.com"))
    if placeholder == ADMIN_PLACEHOLDER:
        return bearer(event, access_token("admin@example.com", admin=True))
    return event


def subscribe(gateway, token: str, price_id: str = "price_pro_monthly") -> dict:
    """Checkout as this account, pay on the in-memory gateway, load the success page: the saved subscription."""
    from checkout_handler import handler as checkout

    from scripts.make_event import http_api_event
    from tests.support.lambda_events import invoke

    headers = {"authorization": f"Bearer {token}", "content-type": "application/json"}
    create = http_api_event(
        "POST", "/v1/checkout/sessions", headers=headers, body=f'{{"price_id": "{price_id}"}}'
    )
    created = invoke(checkout, create)
    assert created.status == 200, created.text
    session_id = created.json()["id"]
    gateway.complete_checkout(session_id)
    success = http_api_event(
        "GET",
        "/v1/checkout/success",
        query={"session_id": session_id},
        headers={"authorization": f"Bearer {token}"},
    )
    page = invoke(checkout, success)
    assert page.status == 200, page.text
    subscription_id = gateway.state.checkout_sessions[session_id]["subscription"]
    return copy.deepcopy(gateway.state.subscriptions[subscription_id])
