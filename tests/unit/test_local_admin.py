"""DEV_ADMIN_EMAIL/DEV_ADMIN_PASSWORD: an admin for `make dev`'s per-process database, local stage only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.settings.loader import get_settings, reset_settings
from saas_billing.routes.startup.local_admin import seed_local_admin
from scripts.dev_server import build_dev_app
from tests.support.auth_client import install_cheap_hasher
from tests.support.stages import use_deployed_stage

PASSWORD = "a long admin passphrase"


@pytest.fixture
def dev_admin(monkeypatch, mongo_client):
    install_cheap_hasher()
    monkeypatch.setenv("DEV_ADMIN_EMAIL", "Boss@Example.com")
    monkeypatch.setenv("DEV_ADMIN_PASSWORD", PASSWORD)
    reset_settings()
    return mongo_client["saas_billing"]["users"]


def test_the_local_stage_seeds_the_admin_once(dev_admin):
    first = seed_local_admin(get_settings())
    again = seed_local_admin(get_settings())
    assert first.is_admin and (first.email, again.id) == ("boss@example.com", first.id)
    assert dev_admin.count_documents({}) == 1


def test_an_existing_account_is_promoted_and_keeps_its_password(dev_admin, gateway):
    client = TestClient(build_dev_app())
    assert (
        client.post(
            "/v1/auth/register", json={"email": "boss@example.com", "password": "own password!"}
        ).status_code
        == 201
    )
    assert seed_local_admin(get_settings()).is_admin
    assert (
        client.post(
            "/v1/auth/login", json={"email": "boss@example.com", "password": "own password!"}
        ).status_code
        == 200
    )


def test_make_dev_starts_with_the_admin_signed_in_able(dev_admin, gateway):
    with TestClient(build_dev_app()) as client:  # runs the startup, as uvicorn does
        login = client.post("/v1/auth/login", json={"email": "boss@example.com", "password": PASSWORD})
        assert login.status_code == 200, login.text
        headers = {"authorization": f"Bearer {login.json()['access_token']}"}
        assert client.get("/v1/customers", headers=headers).status_code == 200
        listed = client.get("/v1/subscriptions", params={"scope": "all"}, headers=headers)
        assert listed.status_code == 200


def test_nothing_is_seeded_without_the_variables_and_a_password_is_required(monkeypatch, mongo_client):
    assert seed_local_admin(get_settings()) is None
    monkeypatch.setenv("DEV_ADMIN_EMAIL", "boss@example.com")
    reset_settings()
    with pytest.raises(SettingsError, match="DEV_ADMIN_PASSWORD"):
        seed_local_admin(get_settings())
    assert mongo_client["saas_billing"]["users"].count_documents({}) == 0


def test_a_deployed_stage_ignores_the_variables(dev_admin, monkeypatch, caplog):
    use_deployed_stage(monkeypatch)
    assert seed_local_admin(get_settings()) is None
    from auth_handler import app

    with TestClient(app):  # the auth function's own startup, were a lifespan ever run in Lambda
        pass
    assert dev_admin.count_documents({}) == 0
    assert "ignored outside the local stage" in caplog.text
