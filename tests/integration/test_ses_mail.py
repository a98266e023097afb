"""Account mail through the SES sender, against moto's SES: what moto recorded is what SES was asked
to send (recipient, sender, subject, both bodies), and every link in it works in the auth handler."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from saas_billing.infra.external_api.interface.email_sender import EmailMessage
from saas_billing.infra.external_api.service.email.email_factory import set_email_sender
from saas_billing.infra.external_api.service.email.ses_sender import EmailUnavailable, SesEmailSender
from tests.support.auth_client import PASSWORD, load_auth_handler
from tests.support.browser import Browser
from tests.support.mail import links, token_of

SENDER = "no-reply@billing.example.com"
REGION = "us-east-1"


@pytest.fixture
def ses(monkeypatch):
    for name, value in {
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("ses", region_name=REGION).verify_email_identity(EmailAddress=SENDER)
        set_email_sender(SesEmailSender(SENDER, region=REGION))
        yield ses_backends[DEFAULT_ACCOUNT_ID][REGION]
        set_email_sender(None)


def recorded(backend, to: str) -> list:
    return [m for m in backend.sent_messages if to in m.destinations["ToAddresses"]]


def test_every_account_mail_reaches_its_recipient_with_a_working_link(ses, mongo_client, clock):
    handler = load_auth_handler()  # signs ada@example.com up: the verification mail
    [verification] = recorded(ses, "ada@example.com")
    assert verification.source == SENDER and verification.subject == "Billing: Confirm your email"
    assert PASSWORD not in verification.body
    [url] = {link for link in links(verification.body) if "token=" in link}
    assert Browser(handler).post("/v1/auth/email/verify", json={"token": token_of(url)}).status == 204

    assert Browser(handler).post("/v1/auth/password/forgot", json={"email": "ada@example.com"}).status == 202
    reset = recorded(ses, "ada@example.com")[-1]
    assert reset.subject == "Billing: Reset your password"
    [url] = {link for link in links(reset.body) if "token=" in link}
    assert "/v1/auth/password/reset?token=" in url
    new = {"token": token_of(url), "password": "a new long passphrase"}
    assert Browser(handler).post("/v1/auth/password/reset", json=new).status == 204
    assert recorded(ses, "ada@example.com")[-1].subject == "Billing: Your password was changed"

    browser = Browser(handler)
    browser.post("/v1/auth/login", form={"email": "ada@example.com", "password": new["password"]})
    change = {"new_email": "ada@new.example", "password": new["password"]}
    assert browser.post("/v1/auth/email", json=change).status == 202
    [confirm] = recorded(ses, "ada@new.example")
    [url] = {link for link in links(confirm.body) if "token=" in link}
    assert browser.post("/v1/auth/email/verify", json={"token": token_of(url)}).status == 204
    assert "ada@new.example" in recorded(ses, "ada@example.com")[-1].body


def test_an_unverified_sender_is_a_503_not_a_crash(ses):
    sender = SesEmailSender("someone.else@example.com", region=REGION)
    with pytest.raises(EmailUnavailable):
        sender.send(EmailMessage("ada@example.com", "s", "t", "<p>h</p>"))


def test_sign_up_still_succeeds_when_mail_cannot_be_sent(mongo_client, clock):
    set_email_sender(SesEmailSender(None))  # deployed without MailFrom: logged, the banner can resend
    load_auth_handler()  # asserts the 201
    set_email_sender(None)
