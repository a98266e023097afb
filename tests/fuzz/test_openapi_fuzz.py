"""Schema-driven fuzzing of every route of the assembled dev app, as a visitor, a user and an admin.

Each operation of build_dev_app()'s OpenAPI gets a fixed budget of derandomized examples (so CI is
repeatable), drawn by tests/fuzz/requests.py. Every answer must be below 500, except a 502/503 while the
Stripe stand-in is told to fail; a JSON answer must match the schema the OpenAPI documents for its status,
and a JSON error must carry a "detail" sentence under a status the route documents.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
from scripts.dev_server import build_dev_app
from tests.fuzz.requests import Call, attacks, calls
from tests.fuzz.roles import ROLES, Accounts, Credentials, FailingGateway
from tests.support.auth_client import install_cheap_hasher

EXAMPLES_PER_OPERATION = 25
BUDGET = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)


def operations(spec: dict) -> list[tuple[str, str, dict]]:
    return [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()]


def documented_schema(operation: dict, status: int) -> dict | None:
    response = operation["responses"].get(str(status)) or {}
    return (response.get("content") or {}).get("application/json", {}).get("schema")


def send(client: TestClient, call: Call, credentials: Credentials | None, use_cookies: bool):
    client.cookies.clear()
    headers = dict(call.headers)
    if credentials and use_cookies:
        headers["cookie"] = "; ".join(f"{k}={v}" for k, v in credentials.cookies.items())
    elif credentials:
        headers.update(credentials.bearer)
    raw = {name: value.encode("latin-1") for name, value in headers.items()}  # as a raw HTTP client would
    return client.request(call.method, call.path, params=call.query, headers=raw, content=call.body)


def check(response, call: Call, operation: dict, components: dict, allowed_5xx: set[int]) -> None:
    where = f"{response.status_code} for {call}: {response.text[:300]}"
    assert response.status_code < 500 or response.status_code in allowed_5xx, where
    if not response.headers.get("content-type", "").startswith("application/json"):
        return
    body = response.json()
    if response.status_code >= 400:
        assert isinstance(body, dict) and isinstance(body.get("detail"), str) and body["detail"], where
        # The docs list every error a JSON client can get (allowed_5xx: the failing stand-in's, if asked).
        documented = str(response.status_code) in operation["responses"]
        assert documented or response.status_code in allowed_5xx, f"undocumented status: {where}"
    schema = documented_schema(operation, response.status_code)
    if schema is not None:
        errors = list(Draft202012Validator({**schema, "components": components}).iter_errors(body))
        assert not errors, f"{where}\ndoes not match the documented schema: {errors[0].message}"


def fuzz(role: str, allowed_5xx: frozenset[int] = frozenset()) -> list[str]:
    """Every operation's examples; the failures of all of them, so one run shows every 5xx."""
    install_cheap_hasher()
    app = build_dev_app()
    spec = app.openapi()
    client = TestClient(app, raise_server_exceptions=False, follow_redirects=False)
    accounts = Accounts() if role != "anonymous" else None
    failures = []
    for path, method, operation in operations(spec):
        credentials = accounts.credentials(role) if accounts else None
        try:
            fuzz_operation(client, spec, (path, method, operation), credentials, allowed_5xx)
        except AssertionError as error:
            failures.append(f"{method.upper()} {path} as {role}: {error}")
    return failures


def fuzz_operation(client, spec, target, credentials: Credentials | None, allowed_5xx) -> None:
    path, method, operation = target
    components = spec.get("components", {})

    @BUDGET
    @given(call=calls(path, method, operation, components), use_cookies=st.booleans())
    def run(call: Call, use_cookies: bool) -> None:
        response = send(client, call, credentials, use_cookies)
        check(response, call, operation, components, allowed_5xx)

    for attack in attacks(path, method):
        run = example(call=attack, use_cookies=True)(run)
    run()


@pytest.mark.parametrize("role", ROLES)
def test_no_route_answers_a_5xx_or_breaks_its_documented_schema(gateway, mongo_client, clock, role):
    failures = fuzz(role)
    assert not failures, "\n\n".join(failures)


def test_a_failing_stripe_is_a_502_on_every_route_never_a_500(mongo_client, clock):
    set_payment_gateway(FailingGateway())
    failures = fuzz("user", allowed_5xx={502, 503})
    assert not failures, "\n\n".join(failures)
