"""`make dev` serves every route the template declares, found without editing the dev server."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from scripts.dev_server import build_dev_app
from scripts.template_model import functions
from tests.support.dev_server import running_dev_server


def test_the_dev_app_serves_every_template_route_and_the_docs():
    app = build_dev_app()
    paths = app.openapi()["paths"]
    served = {(method.upper(), path) for path, operations in paths.items() for method in operations}
    declared = {(route.method, route.path) for spec in functions() for route in spec.routes}
    assert declared <= served
    client = TestClient(app)
    assert client.get("/docs").status_code == 200
    assert client.get("/v1/products").json()["data"][0]["name"] == "Starter"


def test_a_restart_of_make_dev_keeps_accounts_and_sessions(tmp_path):
    """Its database and JWT secret live in DEV_DATA_DIR (`.local/` by default), not in the process."""
    account = {"email": "ada@example.com", "password": "a long enough passphrase"}
    with running_dev_server(tmp_path) as base:
        assert httpx.post(f"{base}/v1/auth/register", json=account).status_code == 201
        tokens = httpx.post(f"{base}/v1/auth/login", json=account).json()
    with running_dev_server(tmp_path) as base:
        me = httpx.get(f"{base}/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        assert me.status_code == 200 and me.json()["email"] == "ada@example.com"
        assert httpx.post(f"{base}/v1/auth/login", json=account).status_code == 200
    assert (tmp_path / "jwt_secret").stat().st_mode & 0o777 == 0o600
