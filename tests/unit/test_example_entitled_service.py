"""examples/entitled-service: its function answers by the feature claims an HTTP API JWT authorizer
passes on, and its template trusts our issuer and audience."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import yaml

from saas_billing.domain.schemas.auth.tokens import Grants
from saas_billing.infra.settings.app_settings import AppSettings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "entitled-service"


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("FEATURE", "projects.unlimited")
    spec = importlib.util.spec_from_file_location("entitled_service_app", EXAMPLE / "src" / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event(grants: Grants) -> dict:
    """What API Gateway passes after the authorizer accepted one of our tokens: claims as strings."""
    claims = {
        "sub": "acct_1",
        "plan": str(grants.plan),
        "features": "[" + " ".join(grants.features) + "]",
        "scope": " ".join(grants.scopes),
    }
    return {"requestContext": {"authorizer": {"jwt": {"claims": claims, "scopes": None}}}}


def test_an_account_with_the_feature_is_served(app):
    grants = Grants(plan="prod_pro", features=("projects.unlimited", "support.priority"), revision=2)
    response = app.handler(event(grants), None)
    assert response["statusCode"] == 201 and json.loads(response["body"])["account"] == "acct_1"


@pytest.mark.parametrize("features", [(), ("projects.basic",), ("projects.unlimited.trial",)])
def test_an_account_without_the_feature_gets_403_saying_what_is_missing(app, features):
    response = app.handler(event(Grants(plan="prod_starter", features=features)), None)
    assert response["statusCode"] == 403
    assert "projects.unlimited" in json.loads(response["body"])["detail"]


def test_the_template_trusts_our_issuer_and_audience_through_an_http_api_jwt_authorizer():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: {suffix: loader.construct_scalar(node)})
    template = yaml.load((EXAMPLE / "template.yaml").read_text(), Loader=Loader)
    auth = template["Resources"]["ServiceApi"]["Properties"]["Auth"]
    jwt = auth["Authorizers"][auth["DefaultAuthorizer"]]["JwtConfiguration"]
    assert jwt == {"issuer": {"Ref": "Issuer"}, "audience": [{"Ref": "Audience"}]}
    assert template["Parameters"]["Audience"]["Default"] == AppSettings.model_fields["jwt_audience"].default
