"""Who the fuzz run calls as: nobody, a signed-in user, an admin; each by bearer token or by the cookies
of a browser session, fresh for every operation (a fuzzed logout or device revoke must not leave the
next operation anonymous). And a Stripe stand-in told to fail, for the documented 502."""

from __future__ import annotations

from dataclasses import dataclass

from saas_billing.infra.exception.errors import UpstreamError
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from tests.support.accounts import auth_handler, sign_up
from tests.support.auth_client import PASSWORD
from tests.support.browser import Browser

ROLES = ("anonymous", "user", "admin")


@dataclass(frozen=True)
class Credentials:
    bearer: dict[str, str]
    cookies: dict[str, str]


class Accounts:
    """One account per signed-in role, made once per test through the auth function's handler."""

    def __init__(self) -> None:
        self.emails = {"user": "fuzz-user@example.com", "admin": "fuzz-admin@example.com"}
        for role, email in self.emails.items():
            sign_up(email, admin=role == "admin")

    def credentials(self, role: str) -> Credentials | None:
        if role == "anonymous":
            return None
        account = {"email": self.emails[role], "password": PASSWORD}
        tokens = Browser(auth_handler()).post("/v1/auth/login", json=account)
        assert tokens.status == 200, tokens.text
        browser = Browser(auth_handler())
        form = browser.post("/v1/auth/login", form={**account, "next": "/pricing"})
        assert form.status == 303, form.text
        return Credentials({"authorization": f"Bearer {tokens.json()['access_token']}"}, dict(browser.jar))


class FailingGateway(InMemoryGateway):
    """Every Stripe call fails as an unreachable Stripe does: the routes must answer 502, not 500."""

    def __getattribute__(self, name: str):
        attribute = super().__getattribute__(name)
        if callable(attribute) and not name.startswith("_"):

            def fail(*_args, **_kwargs):
                raise UpstreamError("Could not reach the payment provider")

            return fail
        return attribute
