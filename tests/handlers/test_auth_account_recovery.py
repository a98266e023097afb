"""Password reset and email verification through the auth handler, mail read from the local outbox."""

from __future__ import annotations

import pytest

from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_services_dep import device_session_repo
from tests.support.auth_client import PASSWORD, load_auth_handler
from tests.support.browser import Browser
from tests.support.mail import last_link, links, outbox, token_of

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()  # ada@example.com registered


def login(handler, password, email="ada@example.com", ip="203.0.113.10"):
    return Browser(handler, source_ip=ip).post("/v1/auth/login", json={"email": email, "password": password})


def reset(handler, token, password=NEW_PASSWORD):
    return Browser(handler).post("/v1/auth/password/reset", json={"token": token, "password": password})


def forgot(handler, email, ip="203.0.113.10"):
    return Browser(handler, source_ip=ip).post("/v1/auth/password/forgot", json={"email": email})


def test_forgot_answers_the_same_for_existing_and_unknown_emails_and_mails_only_the_owner(handler):
    known, unknown = forgot(handler, "ada@example.com"), forgot(handler, "nobody@example.com")
    assert (known.status, known.body) == (unknown.status, unknown.body) and known.status == 202
    assert outbox().to("nobody@example.com") == []
    [mail] = [m for m in outbox().to("ada@example.com") if "Reset" in m.subject]
    assert mail.subject.startswith("Billing:") and PASSWORD not in mail.text + mail.html
    assert links(mail.text)[0].startswith("https://api.example.com/v1/auth/password/reset?token=")


def test_a_reset_link_works_once_signs_every_device_out_and_verifies_the_email(handler):
    signed_in = Browser(handler)
    signed_in.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD, "next": "/x"})
    assert signed_in.get("/v1/auth/me").json()["email_verified"] is False
    forgot(handler, "ada@example.com")
    token = token_of(last_link("ada@example.com"))
    assert reset(handler, token, "short").status == 422  # a typo does not spend the link
    assert reset(handler, token).status == 204
    assert reset(handler, token, "yet another passphrase").status == 400  # used
    assert signed_in.get("/v1/auth/me").status == 401
    assert login(handler, PASSWORD).status == 401
    me = Browser(handler)
    assert (
        me.post("/v1/auth/login", form={"email": "ada@example.com", "password": NEW_PASSWORD}).status == 303
    )
    assert me.get("/v1/auth/me").json()["email_verified"] is True
    assert "password was changed" in outbox().to("ada@example.com")[-1].subject


def test_a_reset_link_expires_after_30_minutes_and_a_newer_one_replaces_it(handler, clock):
    forgot(handler, "ada@example.com")
    first = token_of(last_link("ada@example.com"))
    forgot(handler, "ada@example.com")
    second = token_of(last_link("ada@example.com"))
    assert first != second and reset(handler, first).status == 400  # replaced
    clock.advance(minutes=31)
    assert reset(handler, second).status == 400  # expired
    assert login(handler, PASSWORD).status == 200


def test_forgot_is_throttled_per_email_silently_and_per_address_with_429(handler):
    for n in range(5):
        assert forgot(handler, "ada@example.com", ip=f"198.51.100.{n}").status == 202
    assert len([m for m in outbox().to("ada@example.com") if "Reset" in m.subject]) == 3  # mail_max_per_email
    for _ in range(30):  # login_max_failures_per_ip
        forgot(handler, "someone@example.com", ip="192.0.2.50")
    assert forgot(handler, "someone@example.com", ip="192.0.2.50").status == 429


def test_the_verification_link_from_sign_up_works_once_and_expires_after_a_day(handler, clock):
    [mail] = outbox().to("ada@example.com")
    url = links(mail.text)[0]
    assert url.startswith("https://api.example.com/v1/auth/email/verify?token=")
    page = Browser(handler).get("/v1/auth/email/verify", query={"token": token_of(url)})
    assert page.status == 200 and 'action="/v1/auth/email/verify"' in page.text  # GET spends nothing
    verify = {"token": token_of(url)}
    assert Browser(handler).post("/v1/auth/email/verify", json=verify).status == 204
    assert Browser(handler).post("/v1/auth/email/verify", json=verify).status == 400
    browser = Browser(handler)
    browser.post("/v1/auth/register", json={"email": "lin@example.com", "password": PASSWORD})
    late = {"token": token_of(last_link("lin@example.com"))}
    clock.advance(hours=24, seconds=1)
    assert browser.post("/v1/auth/email/verify", json=late).status == 400


def test_resend_replaces_the_link_and_says_when_already_verified(handler):
    browser = Browser(handler)
    browser.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    first = token_of(last_link("ada@example.com"))
    assert browser.post("/v1/auth/email/verification", json={}).status == 202
    second = token_of(last_link("ada@example.com"))
    assert browser.post("/v1/auth/email/verify", json={"token": first}).status == 400
    assert browser.post("/v1/auth/email/verify", json={"token": second}).status == 204
    again = browser.post("/v1/auth/email/verification", json={})
    assert again.status == 202 and "already verified" in again.json()["detail"]


def test_changing_the_email_proves_the_new_address_first_and_tells_the_old_one(handler, clock):
    browser = Browser(handler)
    browser.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    early = browser.post("/v1/auth/email", json={"new_email": "ada@new.example", "password": PASSWORD})
    assert early.status == 403  # the current address is proven first
    assert (
        browser.post("/v1/auth/email/verify", json={"token": token_of(last_link("ada@example.com"))}).status
        == 204
    )
    wrong = browser.post("/v1/auth/email", json={"new_email": "ada@new.example", "password": "not it"})
    assert wrong.status == 401
    asked = browser.post("/v1/auth/email", json={"new_email": "Ada@New.example", "password": PASSWORD})
    assert asked.status == 202
    assert browser.get("/v1/auth/me").json()["email"] == "ada@example.com"  # not yet
    token = token_of(last_link("ada@new.example"))
    assert browser.post("/v1/auth/email/verify", json={"token": token}).status == 204
    me = browser.get("/v1/auth/me").json()
    assert me["email"] == "ada@new.example" and me["email_verified"] is True
    sessions = device_session_repo(get_settings()).list_for_user(me["id"], clock.now())
    assert {session.email for session in sessions} == {"ada@new.example"}  # signed-in devices follow
    assert "ada@new.example" in outbox().to("ada@example.com")[-1].text
    assert login(handler, PASSWORD, email="ada@new.example").status == 200
    assert browser.post("/v1/auth/email/verify", json={"token": token}).status == 400


def test_changing_the_password_keeps_this_device_and_signs_the_others_out(handler):
    this, other = Browser(handler), Browser(handler)
    for browser in (this, other):
        browser.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    body = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    assert this.post("/v1/auth/password", json={**body, "current_password": "wrong"}).status == 401
    assert this.post("/v1/auth/password", json=body).status == 204
    assert this.get("/v1/auth/me").status == 200 and other.get("/v1/auth/me").status == 401
    assert login(handler, NEW_PASSWORD).status == 200
