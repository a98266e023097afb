"""The review's two attacks, through the Lambda handler: squatting the first admin's email, and
locking an owner out with failures from many addresses."""

from __future__ import annotations

import pytest

from saas_billing.infra.settings.loader import get_settings
from scripts import create_admin as cli
from scripts.template_model import load_template
from tests.support.auth_client import PASSWORD, load_auth_handler
from tests.support.browser import Browser
from tests.support.mail import last_link, token_of

ATTACKER_PASSWORD = "the attacker's own one"


@pytest.fixture
def handler(mongo_client, clock):
    return load_auth_handler()  # ada@example.com registered


def squat(handler) -> Browser:
    attacker = Browser(handler, source_ip="198.51.100.66")
    signup = {"email": "ops@example.com", "password": ATTACKER_PASSWORD}
    assert attacker.post("/v1/auth/register", form=signup).status == 303
    assert attacker.get("/v1/auth/me").json()["role"] == "user"
    return attacker


def test_a_squatted_admin_email_is_refused_without_the_flag_and_while_unverified(
    handler, monkeypatch, capsys
):
    attacker = squat(handler)
    monkeypatch.setenv("ADMIN_PASSWORD", "the operator's passphrase")
    assert cli.main(["ops@example.com"]) == 1
    assert "--promote-existing" in capsys.readouterr().err
    assert cli.main(["ops@example.com", "--promote-existing"]) == 1  # nobody proved owning the address
    out, err = capsys.readouterr()
    assert "NOT verified" in out and "1 signed-in device(s)" in out and "not verified its email" in err
    me = attacker.get("/v1/auth/me")
    assert me.status == 200 and me.json()["role"] == "user"


def test_promoting_a_verified_existing_account_signs_every_holder_of_its_sessions_out(handler, capsys):
    holder = squat(handler)
    verify = {"token": token_of(last_link("ops@example.com"))}
    assert Browser(handler).post("/v1/auth/email/verify", json=verify).status == 204
    assert cli.main(["ops@example.com", "--promote-existing"]) == 0
    assert "email verified" in capsys.readouterr().out
    assert holder.get("/v1/auth/me").status == 401  # whoever held the sessions must sign in again
    again = Browser(handler)
    signin = {"email": "ops@example.com", "password": ATTACKER_PASSWORD}
    assert again.post("/v1/auth/login", form=signin).status == 303
    assert again.get("/v1/auth/me").json()["role"] == "admin"


def test_failures_from_many_addresses_never_lock_the_owner_out(handler, clock):
    for n in range(8):  # eight addresses, each to its own limit of five
        attacker = Browser(handler, source_ip=f"198.51.100.{n}")
        for _ in range(5):
            guess = attacker.post("/v1/auth/login", json={"email": "ada@example.com", "password": "guess it"})
            assert guess.status == 401
        spent = attacker.post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD})
        assert (
            spent.status == 429 and spent.headers["retry-after"]
        )  # that pair is locked, even for the right one
    owner = Browser(handler, source_ip="192.0.2.200")
    assert owner.post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}).status == 200
    assert clock.slept and max(clock.slept) <= get_settings().login_max_delay_seconds  # slowed, not refused


def test_a_device_holding_a_session_of_the_account_signs_in_without_the_delay(handler, clock):
    owner = Browser(handler, source_ip="192.0.2.200")
    owner.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    for n in range(6):
        attacker = Browser(handler, source_ip=f"198.51.100.{n}")
        for _ in range(5):
            attacker.post("/v1/auth/login", json={"email": "ada@example.com", "password": "guess it"})
    slept = len(clock.slept)
    signin = owner.post("/v1/auth/login", form={"email": "ada@example.com", "password": PASSWORD})
    assert signin.status == 303 and len(clock.slept) == slept
    stranger = Browser(handler, source_ip="192.0.2.201")
    assert (
        stranger.post("/v1/auth/login", json={"email": "ada@example.com", "password": PASSWORD}).status == 200
    )
    assert len(clock.slept) == slept + 1


def test_failures_against_a_made_up_email_hold_a_container_no_longer_than_the_budget(handler, clock):
    """Past the figure every attempt waits in the function; with the template's defaults the gateway's
    rate on the login route times that wait must stay well under the auth reservation
    (tests/unit/test_login_delay_budget.py), and a string that is no account waits as a real one."""
    for target in ("no-such-account@example.com", "ada@example.com"):
        clock.slept.clear()
        for n in range(40):  # eight addresses, each to its own limit of five
            guess = {"email": target, "password": "guess guess guess"}
            Browser(handler, source_ip=f"198.51.100.{n // 5}").post("/v1/auth/login", json=guess)
        if target.startswith("no-such"):
            made_up = list(clock.slept)
    assert made_up == clock.slept  # the same figure, the same waits
    template = load_template()["Parameters"]
    rate, reserved = (
        float(template[p]["Default"]) for p in ("PasswordRouteRateLimit", "AuthReservedConcurrency")
    )
    assert rate * (max(made_up) + 0.2) <= 0.6 * reserved
