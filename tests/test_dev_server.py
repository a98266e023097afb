"""`make dev` serves every route the template declares, found without editing the dev server."""

from __future__ import annotations

from fastapi.testclient import TestClient

from scripts.dev_server import build_dev_app
from scripts.template_model import functions


def test_the_dev_app_serves_every_template_route_and_the_docs():
    app = build_dev_app()
    paths = app.openapi()["paths"]
    served = {(method.upper(), path) for path, operations in paths.items() for method in operations}
    declared = {(route.method, route.path) for spec in functions() for route in spec.routes}
    assert declared <= served
    client = TestClient(app)
    assert client.get("/docs").status_code == 200
    assert client.get("/v1/products").json()["data"][0]["name"] == "Starter"
