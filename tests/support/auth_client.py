"""Signing in through the auth function's handler, for handler tests."""

from __future__ import annotations

from tests.support.browser import Browser

PASSWORD = "correct horse battery staple"
COOKIES = {"device_id", "access_token", "refresh_token"}


def load_auth_handler():
    """The auth function's handler, with ada@example.com registered."""
    from auth_handler import handler

    response = Browser(handler).post(
        "/v1/auth/register", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status == 201, response.text
    return handler


def signed_in(handler, **kwargs) -> Browser:
    """A browser that signed in through the form, holding the three cookies."""
    browser = Browser(handler, **kwargs)
    response = browser.post(
        "/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD, "next": "/x"}
    )
    assert response.status == 303 and set(browser.jar) == COOKIES, response.text
    return browser


def api_login(handler) -> dict:
    """An API client's JSON login: the token body."""
    response = Browser(handler).post(
        "/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status == 200, response.text
    return response.json()
