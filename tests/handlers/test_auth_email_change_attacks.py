"""The second review's account attacks, through the auth Lambda's handler: an email-change link parked
before the owner recovers the address, email change as an existence oracle and mailer, and mail
failures that answer differently for an existing account."""

from __future__ import annotations

import logging

import pytest

from saas_billing.domain.auth_errors import AdminPromotionRefused
from saas_billing.infra.external_api.interface.email_sender import EmailSender, EmailUnavailable
from saas_billing.infra.external_api.service.email.email_factory import set_email_sender
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import user_repo
from scripts.create_admin import create_admin
from tests.support.auth_client import PASSWORD, load_auth_handler
from tests.support.browser import Browser
from tests.support.mail import last_link, outbox, token_of

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()  # ada@example.com registered, not verified


def verified_ada(handler, ip="203.0.113.10") -> Browser:
    """Ada follows her sign-up link and signs in (cookies)."""
    verify = {"token": token_of(last_link("ada@example.com"))}
    assert Browser(handler).post("/v1/auth/email/verify", json=verify).status == 204
    browser = Browser(handler, source_ip=ip)
    signin = {"email": "ada@example.com", "password": PASSWORD}
    assert browser.post("/v1/auth/login", form=signin).status == 303
    return browser


def change_mails(to: str | None = None) -> list:
    return [m for m in outbox().entries() if "new email" in m.message.subject and to in (None, m.message.to)]


def ask_change(browser: Browser, new_email: str, password: str = PASSWORD):
    return browser.post("/v1/auth/email", json={"new_email": new_email, "password": password})


def redeem(handler, token: str):
    return Browser(handler, source_ip="198.51.100.66").post("/v1/auth/email/verify", json={"token": token})


# 1. A change link must not outlive the owner's recovery of the address.


def test_a_squatter_cannot_park_an_email_change_on_an_address_it_never_proved(handler):
    mallory = Browser(handler, source_ip="198.51.100.66")
    squat = {"email": "ops@example.com", "password": PASSWORD}
    assert mallory.post("/v1/auth/register", json=squat).status == 201
    token = mallory.post("/v1/auth/login", json=squat).json()["access_token"]
    asked = mallory.post(
        "/v1/auth/email",
        json={"new_email": "mallory@example.net", "password": PASSWORD},
        headers={"authorization": f"Bearer {token}"},
    )
    assert asked.status == 403 and "Verify your current email" in asked.json()["detail"]
    assert outbox().to("mallory@example.net") == []
    # The owner recovers the address and promotes it; the account keeps its address.
    with pytest.raises(AdminPromotionRefused):
        create_admin("ops@example.com", ask_password=lambda: "unused")
    ops = Browser(handler, source_ip="192.0.2.1")
    assert ops.post("/v1/auth/password/forgot", json={"email": "ops@example.com"}).status == 202
    reset = {"token": token_of(last_link("ops@example.com")), "password": NEW_PASSWORD}
    assert ops.post("/v1/auth/password/reset", json=reset).status == 204
    admin, created = create_admin("ops@example.com", ask_password=lambda: "unused", promote_existing=True)
    assert admin.is_admin and not created
    assert user_repo(get_settings()).by_email("ops@example.com").is_admin


def reset_password(handler, browser):
    Browser(handler, source_ip="192.0.2.1").post(
        "/v1/auth/password/forgot", json={"email": "ada@example.com"}
    )
    reset = {"token": token_of(last_link("ada@example.com")), "password": NEW_PASSWORD}
    assert Browser(handler).post("/v1/auth/password/reset", json=reset).status == 204


def change_password(handler, browser):
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    assert browser.post("/v1/auth/password", json=body).status == 204


def promote(handler, browser):
    create_admin("ada@example.com", ask_password=lambda: "unused", promote_existing=True)


@pytest.mark.parametrize("credential_change", [reset_password, change_password, promote])
def test_a_password_reset_or_change_or_promotion_voids_an_outstanding_email_change_link(
    handler, credential_change
):
    ada = verified_ada(handler)
    assert ask_change(ada, "ada@elsewhere.example").status == 202
    token = token_of(last_link("ada@elsewhere.example"))
    credential_change(handler, ada)
    assert redeem(handler, token).status == 400
    assert user_repo(get_settings()).by_email("ada@example.com") is not None


def test_a_completed_email_change_voids_every_other_link_of_the_account(handler):
    ada = verified_ada(handler)
    Browser(handler, source_ip="192.0.2.1").post(
        "/v1/auth/password/forgot", json={"email": "ada@example.com"}
    )
    reset = token_of(last_link("ada@example.com"))
    assert ask_change(ada, "ada@elsewhere.example").status == 202
    assert redeem(handler, token_of(last_link("ada@elsewhere.example"))).status == 204
    again = Browser(handler).post("/v1/auth/password/reset", json={"token": reset, "password": NEW_PASSWORD})
    assert again.status == 400


def test_a_change_link_issued_before_the_last_credential_change_is_refused(handler, clock):
    """Defence in depth: a link that escaped the deletion (issued concurrently with a reset)."""
    ada = verified_ada(handler)
    assert ask_change(ada, "ada@elsewhere.example").status == 202
    token = token_of(last_link("ada@elsewhere.example"))
    users = user_repo(get_settings())
    clock.advance(seconds=5)
    users.mark_credentials_changed(users.by_email("ada@example.com").id, clock.now())
    assert redeem(handler, token).status == 400
    assert users.by_email("ada@elsewhere.example") is None


# 2. Email change is neither an existence oracle nor a mailer.


def test_email_change_answers_the_same_for_a_taken_address_and_mails_nobody(handler):
    Browser(handler, source_ip="192.0.2.9").post(
        "/v1/auth/register", json={"email": "lin@example.com", "password": PASSWORD}
    )
    ada = verified_ada(handler)
    before = len(outbox().entries())
    taken, free = ask_change(ada, "lin@example.com"), ask_change(ada, "nobody@example.com")
    assert (taken.status, taken.body) == (free.status, free.body) and taken.status == 202
    assert change_mails("lin@example.com") == [] and len(change_mails("nobody@example.com")) == 1
    assert len(outbox().entries()) == before + 1  # nothing to lin, nothing to ada


def test_email_change_is_throttled_per_account_and_per_client_address(handler):
    ada = verified_ada(handler, ip="198.51.100.5")
    statuses = [ask_change(ada, f"u{n}@example.com").status for n in range(10)]
    assert statuses[:3] == [202] * 3 and set(statuses[3:]) == {429}  # mail_max_per_email per account
    assert len(change_mails()) == 3
    # Per client address, counted before anything else: an unverified account's refused requests too.
    lin = Browser(handler, source_ip="192.0.2.77")
    assert (
        lin.post("/v1/auth/register", form={"email": "lin@example.com", "password": PASSWORD}).status == 303
    )
    assert {ask_change(lin, f"x{n}@example.com").status for n in range(30)} == {
        403
    }  # login_max_failures_per_ip
    late = ask_change(lin, "y@example.com")
    assert late.status == 429 and "emails" in late.json()["detail"]


# 3. A mail service that refuses (SES sandbox, throttling) does not tell an account exists.


class RefusingSender(EmailSender):
    def send(self, message):
        raise EmailUnavailable()


@pytest.fixture
def refusing_mail():
    set_email_sender(RefusingSender())
    yield
    set_email_sender(None)


def test_forgot_answers_the_same_when_the_mail_service_refuses(handler, refusing_mail, caplog):
    forgot = "/v1/auth/password/forgot"
    with caplog.at_level(logging.WARNING):
        known = Browser(handler, source_ip="198.51.100.1").post(forgot, json={"email": "ada@example.com"})
        unknown = Browser(handler, source_ip="198.51.100.1").post(
            forgot, json={"email": "nobody@example.com"}
        )
    assert (known.status, known.body) == (unknown.status, unknown.body) and known.status == 202
    [warning] = [r for r in caplog.records if "reset mail not sent" in r.getMessage()]
    assert "ada@example.com" not in warning.getMessage()


def test_email_change_answers_the_same_when_the_mail_service_refuses(handler):
    Browser(handler, source_ip="192.0.2.9").post(
        "/v1/auth/register", json={"email": "lin@example.com", "password": PASSWORD}
    )
    ada = verified_ada(handler)
    set_email_sender(RefusingSender())
    try:
        taken, free = ask_change(ada, "lin@example.com"), ask_change(ada, "nobody@example.com")
    finally:
        set_email_sender(None)
    assert (taken.status, taken.body) == (free.status, free.body) and taken.status == 202
