"""One address, however it was typed: sign-up, sign-in, the admin CLI and customers share one normal form."""

from __future__ import annotations

import json
import unicodedata
from types import SimpleNamespace

import pytest

from saas_billing.domain.email_address import InvalidEmail, normalize_email
from tests.support.auth_client import PASSWORD, install_cheap_hasher
from tests.support.browser import Browser

COMPOSED = unicodedata.normalize("NFC", "José@Example.com")
DECOMPOSED = unicodedata.normalize("NFD", "José@Example.com")
FULLWIDTH = "\uff4a\uff4f\uff53\uff45\u0301@example.com"  # fullwidth "jose", then a combining accent
# Forms only email-validator's domain handling (IDNA) makes one: sign-up stored them, sign-in once missed them.
DOMAIN_FORMS = {
    "ada@example\u3002com": "ada@example.com",  # ideographic full stop
    "ada@example\uff61com": "ada@example.com",  # halfwidth ideographic full stop
    "ada@example\uff0ecom": "ada@example.com",  # fullwidth full stop
    "ada@xn--exmple-cua.com": "ada@ex\u00e4mple.com",  # punycode, stored as Unicode
    "ADA@EX\u00c4MPLE.COM": "ada@ex\u00e4mple.com",
    "bob\uff20example.com": "bob@example.com",  # fullwidth @
}


@pytest.fixture
def handler(mongo_client, clock):
    from auth_handler import handler

    install_cheap_hasher()
    return handler


@pytest.mark.parametrize(
    ("signed_up", "signs_in"),
    [
        (COMPOSED, DECOMPOSED),
        (DECOMPOSED, COMPOSED),
        (COMPOSED, FULLWIDTH),
        (DECOMPOSED, " JOSÉ@example.COM "),
    ],
)
def test_an_account_signs_in_with_its_address_in_any_unicode_form(handler, signed_up, signs_in):
    client = Browser(handler)
    created = client.post("/v1/auth/register", json={"email": signed_up, "password": PASSWORD})
    assert created.status == 201, created.text
    assert (
        created.json()["email"] == "josé@example.com" == unicodedata.normalize("NFC", created.json()["email"])
    )
    login = client.post("/v1/auth/login", json={"email": signs_in, "password": PASSWORD})
    assert login.status == 200, login.text
    taken = client.post("/v1/auth/register", json={"email": signs_in, "password": PASSWORD})
    assert taken.status == 409


def test_a_form_sign_in_with_a_decomposed_accent_works_too(handler):
    browser = Browser(handler)
    assert browser.post("/v1/auth/register", json={"email": COMPOSED, "password": PASSWORD}).status == 201
    response = browser.post("/v1/auth/login", form={"email": DECOMPOSED, "password": PASSWORD, "next": "/x"})
    assert response.status == 303 and browser.get("/v1/auth/me").json()["email"] == "josé@example.com"


def test_the_admin_cli_finds_the_account_typed_in_another_form(handler, mongo_client):
    from saas_billing.domain.auth_errors import AdminPromotionRefused
    from scripts import create_admin as cli
    from tests.support.accounts import promote_verified

    assert (
        Browser(handler).post("/v1/auth/register", json={"email": COMPOSED, "password": PASSWORD}).status
        == 201
    )
    with pytest.raises(AdminPromotionRefused):  # the existing account, not a second one
        cli.create_admin(DECOMPOSED, lambda: pytest.fail("the account exists: no password"))
    user = promote_verified(DECOMPOSED)
    assert user.email == "josé@example.com"


def test_a_customer_create_retried_in_another_form_is_one_customer(gateway):
    from saas_billing.usecase.customers.manage_customers import CreateCustomer
    from tests.fakes.clock import FakeClock

    create = CreateCustomer(gateway, FakeClock())
    first = create.execute("José", COMPOSED)
    assert create.execute("José", DECOMPOSED).id == first.id and first.email == "josé@example.com"


def test_normalize_email_is_idempotent_and_one_form_for_all():
    forms = {
        normalize_email(value) for value in (COMPOSED, DECOMPOSED, FULLWIDTH, "\u3000jose\u0301@EXAMPLE.com")
    }
    assert forms == {"josé@example.com"}
    assert normalize_email(normalize_email(DECOMPOSED)) == normalize_email(DECOMPOSED)


@pytest.mark.parametrize("typed", sorted(DOMAIN_FORMS))
def test_an_address_signs_in_exactly_as_it_was_typed_at_sign_up(handler, typed):
    browser = Browser(handler)
    created = browser.post("/v1/auth/register", json={"email": typed, "password": PASSWORD})
    assert created.status == 201, created.text
    assert created.json()["email"] == DOMAIN_FORMS[typed]
    login = browser.post("/v1/auth/login", json={"email": typed, "password": PASSWORD})
    assert login.status == 200, login.text
    form = Browser(handler).post("/v1/auth/login", form={"email": typed, "password": PASSWORD, "next": "/x"})
    assert form.status == 303, form.text
    assert browser.post("/v1/auth/register", json={"email": typed, "password": PASSWORD}).status == 409


@pytest.mark.parametrize("typed", ["ada@localhost", "ada@example..com", "ada@b.test", "ada@-x.com"])
def test_a_sign_in_with_no_address_is_an_unknown_account(handler, typed):
    response = Browser(handler).post("/v1/auth/login", json={"email": typed, "password": PASSWORD})
    assert response.status == 401, response.text
    assert response.json()["detail"] == "Invalid email or password"


def test_a_sign_in_with_no_address_still_pays_for_a_dummy_verification():
    from saas_billing.usecase.auth.login import Login
    from tests.fakes.clock import FakeClock

    calls = []

    class Hasher:
        def verify_dummy(self, password):
            calls.append("dummy")

        def verify(self, hashed, password):
            return False

    class Users:
        def by_email(self, email):
            pytest.fail("a string that is no address is looked up as no account")

    class Throttle:
        def admit(self, email, client_ip, now, trusted_device=False):
            calls.append(email)
            return SimpleNamespace(delay_seconds=0)

    login = Login(Users(), Hasher(), Throttle(), None, FakeClock())
    with pytest.raises(Exception, match="Invalid email or password"):
        login.execute("ADA@LocalHost", "pw", client_ip=None, user_agent=None, kind="api")
    assert calls == ["ada@localhost", "dummy"]


def test_the_customers_api_stores_a_fullwidth_at_in_the_canonical_form(gateway, mongo_client):
    from customers_handler import handler as customers

    from tests.support.accounts import access_token, bearer
    from tests.support.lambda_events import invoke, load_event

    event = bearer(
        load_event("customers/create_customer.json"), access_token("admin@example.com", admin=True)
    )
    event["body"] = json.dumps({"name": "Bob", "email": "Bob\uff20Example\u3002com"})
    created = invoke(customers, event)
    assert created.status == 201, created.text
    assert created.json()["email"] == "bob@example.com"
    assert [c["email"] for c in gateway.state.customers.values()] == ["bob@example.com"]


def test_the_admin_cli_accepts_a_fullwidth_at_and_stores_the_canonical_form(handler, monkeypatch, capsys):
    from scripts import create_admin as cli

    monkeypatch.setenv("MONGODB_URI", "mongodb://replaced-by-the-test-client/")
    monkeypatch.setenv("ADMIN_PASSWORD", PASSWORD)
    assert cli.main(["ops\uff20example\u3002com"]) == 0
    assert "Created ops@example.com as admin" in capsys.readouterr().out
    login = Browser(handler).post(
        "/v1/auth/login", json={"email": "ops\uff20example.com", "password": PASSWORD}
    )
    assert login.status == 200, login.text


@pytest.mark.parametrize("typed", [*DOMAIN_FORMS, COMPOSED, DECOMPOSED, FULLWIDTH, " Ops@Example.COM "])
def test_normalize_email_is_idempotent(typed):
    assert normalize_email(normalize_email(typed)) == normalize_email(typed)


@pytest.mark.parametrize(
    "typed", ["", "no-at-sign", "a@b", "ada@localhost", "a@b.test", "x" * 2000 + "@x.com"]
)
def test_normalize_email_refuses_what_is_no_address(typed):
    with pytest.raises(InvalidEmail):
        normalize_email(typed)
