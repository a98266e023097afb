"""Signing in through the auth function's handler, for handler tests."""

from __future__ import annotations

from saas_billing.infra.security.service.argon2_hasher import Argon2PasswordHasher
from saas_billing.infra.security.service.security_factory import set_security_services
from tests.support.browser import Browser

PASSWORD = "correct horse battery staple"
COOKIES = {"device_id", "access_token", "refresh_token"}


def install_cheap_hasher() -> None:
    """Real argon2id at a test-sized cost; the default cost is covered by test_argon2_hasher."""
    set_security_services(hasher=Argon2PasswordHasher.with_cost(time_cost=1, memory_kib=8192, parallelism=1))


def load_auth_handler():
    """The auth function's handler, with ada@example.com registered."""
    from auth_handler import handler

    install_cheap_hasher()

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
