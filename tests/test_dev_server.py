"""`make dev` serves every route the template declares, found without editing the dev server."""

from __future__ import annotations

import time

import httpx
from fastapi.testclient import TestClient
from starlette.requests import Request

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
    """Its database and signing key live in DEV_DATA_DIR (`.local/` by default), not in the process."""
    account = {"email": "ada@example.com", "password": "a long enough passphrase"}
    with running_dev_server(tmp_path) as base:
        assert httpx.post(f"{base}/v1/auth/register", json=account).status_code == 201
        tokens = httpx.post(f"{base}/v1/auth/login", json=account).json()
    with running_dev_server(tmp_path) as base:
        me = httpx.get(f"{base}/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        assert me.status_code == 200 and me.json()["email"] == "ada@example.com"
        assert httpx.post(f"{base}/v1/auth/login", json=account).status_code == 200
    kept = {path.name for path in tmp_path.iterdir()} - {"mongo", "mongo.json"}  # the database, its address
    assert kept == {"jwt_signing_key.pem"}
    assert (tmp_path / "jwt_signing_key.pem").stat().st_mode & 0o777 == 0o600


def test_the_dev_servers_client_address_is_never_taken_from_x_forwarded_for():
    """uvicorn trusts X-Forwarded-For from localhost by default: any local script could then pick its
    address and reset the per-IP sign-in and sign-up limits at will."""
    import threading

    import uvicorn

    from scripts.child_process import free_port
    from scripts.dev_server import server_config

    app = build_dev_app()

    @app.get("/_test/client")
    async def client_address(request: Request) -> dict:
        return {"host": request.client.host, "scheme": request.url.scheme}

    port = free_port()
    server = uvicorn.Server(server_config(app, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        # time.sleep and an untimed join: a timed lock wait would sleep until the faked clock's deadline
        # under the moved-clock run (libfaketime does not translate it).
        while not server.started and thread.is_alive():
            time.sleep(0.05)
        forged = {"x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https"}
        seen = httpx.get(f"http://127.0.0.1:{port}/_test/client", headers=forged).json()
    finally:
        server.should_exit = True
        thread.join()
    assert seen == {"host": "127.0.0.1", "scheme": "http"}
