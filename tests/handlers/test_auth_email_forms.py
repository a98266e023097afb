"""One address, however it was typed: sign-up, sign-in, the admin CLI and customers share one normal form."""

from __future__ import annotations

import unicodedata

import pytest

from saas_billing.domain.schemas.auth.user import normalize_email
from tests.support.auth_client import PASSWORD, install_cheap_hasher
from tests.support.browser import Browser

COMPOSED = unicodedata.normalize("NFC", "José@Example.com")
DECOMPOSED = unicodedata.normalize("NFD", "José@Example.com")
FULLWIDTH = "\uff4a\uff4f\uff53\uff45\u0301@example.com"  # fullwidth "jose", then a combining accent


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
