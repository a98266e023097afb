"""Cold-path weight: a function imports stripe only when it calls Stripe, and jinja2 only to render pages;
and each function's init imports no top-level package beyond its list below.

Each check runs in a fresh interpreter, like a Lambda cold start, with the offline local stage.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.template_model import functions

ROOT = Path(__file__).resolve().parents[2]

# What the bare FastAPI+Mangum function (the bench's floor) imports, beyond the standard library.
FASTAPI_FLOOR = {
    *("fastapi", "starlette", "anyio", "mangum", "pydantic", "pydantic_core", "annotated_types"),
    *("annotated_doc", "typing_extensions", "typing_inspection", "opentelemetry"),
}
# The shared package; settings are a plain pydantic model (python-dotenv only with a local .env file,
# boto3 only with an SSM path; pydantic-settings is not used).
PROJECT = {"saas_billing"}
# pymongo and bson only where init reads the database (the scheduled reconcile); never cryptography,
# which pymongo would import for PyOpenSSL were it not marked absent (infra/db/__init__.py).
DATABASE = {"pymongo", "bson"}
# Forms (python_multipart) only where a route takes them. Never at init: jinja2 (first page rendered),
# email_validator (first email field), stripe (first Stripe call), jwt and argon2 (first token/password).
MAY_IMPORT_AT_INIT = {
    "auth": FASTAPI_FLOOR | PROJECT | {"python_multipart"},
    "catalog": FASTAPI_FLOOR | PROJECT,
    "checkout": FASTAPI_FLOOR | PROJECT | {"python_multipart"},
    "customers": FASTAPI_FLOOR | PROJECT,
    "reconcile": {"pydantic", "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection"}
    | PROJECT
    | DATABASE,
    "subscriptions": FASTAPI_FLOOR | PROJECT | {"python_multipart"},
    "webhooks": FASTAPI_FLOOR | PROJECT,
}

INIT_SNIPPET = """
import json, sys
sys.path[:0] = ["shared", "functions/{group}"]
import {module}
names = {{name.split(".")[0] for name, module in sys.modules.items() if module}} - set(sys.stdlib_module_names)
print(json.dumps(sorted(name for name in names if not name.startswith("_") and not name.startswith("{group}_"))))
"""


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_init_imports_only_the_packages_listed_for_the_function(spec):
    env = {"PATH": os.environ.get("PATH", ""), "APP_STAGE": "local", "SETTINGS_ENV_FILE": os.devnull + ".env"}
    code = INIT_SNIPPET.format(group=spec.group, module=spec.module)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    imported = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert imported - MAY_IMPORT_AT_INIT[spec.group] == set(), "a new import at init: list it or defer it"
    assert "saas_billing" in imported


# Our own modules a function leaves for the request that needs them. Creating a dataclass costs ~0.5-1 ms
# (its methods are compiled with exec) and compiling the secret checks' regexes ~2 ms: an annotation-only
# or branch-only import that brings one back to init (or to the bench's first request) fails below.
SESSIONS = {"domain.schemas.auth.tokens", "usecase.auth.authenticate", "usecase.auth.login_throttle"}
BILLING = {"domain.schemas.billing.subscription", "domain.schemas.billing.checkout"}
SECRET_CHECKS = {"infra.settings.secret_patterns"}  # only a deployed stage checks its secrets
NOT_AT_INIT = {
    "auth": SESSIONS
    | BILLING
    | SECRET_CHECKS
    | {"domain.schemas.auth.device_session", "domain.schemas.auth.user"},
    "catalog": SESSIONS | BILLING | SECRET_CHECKS | {"domain.schemas.auth.device_session"},
    "checkout": SESSIONS
    | BILLING
    | SECRET_CHECKS
    | {"domain.schemas.catalog.catalog_item", "domain.schemas.billing.checkout_reservation"},
    "customers": SESSIONS | BILLING | SECRET_CHECKS | {"domain.schemas.catalog.catalog_item"},
    "reconcile": SESSIONS | {"domain.schemas.billing.checkout"} | SECRET_CHECKS,
    "subscriptions": SESSIONS
    | BILLING
    | SECRET_CHECKS
    | {"domain.schemas.catalog.catalog_item", "domain.schemas.entitlements.account_entitlements"},
    "webhooks": SESSIONS
    | SECRET_CHECKS
    | {"domain.schemas.billing.reconciliation", "usecase.entitlements.sync_entitlements"}
    | {"domain.schemas.catalog.catalog_item"},
}
# The bench's first requests (scripts/bench.py): a catalog read through the offline Stripe stand-in
# loads none of its other schemas, a visitor's 401 none of the session use cases, and a refused bearer
# token (the events' placeholder) no billing schema and no sign-in throttle.
NOT_AFTER_FIRST_REQUEST = {
    "catalog": (
        ["catalog/list_products.json"],
        BILLING
        | {"domain.schemas.billing.customer", "domain.schemas.webhooks.stripe_event"}
        | {"domain.schemas.billing.reconciliation", "domain.schemas.entitlements.entitlement_summary"},
    ),
    "subscriptions": (["subscriptions/list_subscriptions.json"], BILLING | {"usecase.auth.login_throttle"}),
    "customers": (["customers/list_customers.json"], BILLING | {"usecase.auth.login_throttle"}),
    "auth": (["auth/me_anonymous.json"], SESSIONS | BILLING),
}

DEFERRED_SNIPPET = """
import json, sys
sys.path[:0] = ["shared", "functions/{group}", "."]
import {module}
from tests.support.lambda_events import invoke, load_event
statuses = [invoke({module}.handler, load_event(path)).status for path in {events!r}]
print(json.dumps({{"statuses": statuses, "loaded": sorted(sys.modules)}}))
"""


def loaded_modules(group: str, module: str, events: list[str]) -> tuple[list[int], set[str]]:
    env = {"PATH": os.environ.get("PATH", ""), "APP_STAGE": "local", "SETTINGS_ENV_FILE": os.devnull + ".env"}
    code = DEFERRED_SNIPPET.format(group=group, module=module, events=events)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    return seen["statuses"], {name.removeprefix("saas_billing.") for name in seen["loaded"]}


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_init_leaves_the_modules_its_requests_may_need_for_them(spec):
    _, loaded = loaded_modules(spec.group, spec.module, [])
    assert "infra.settings.app_settings" in loaded  # the names below are the package's own
    assert NOT_AT_INIT[spec.group] & loaded == set(), "imported at init again: import it where it is used"


@pytest.mark.parametrize("group", sorted(NOT_AFTER_FIRST_REQUEST))
def test_the_bench_first_request_imports_only_what_it_uses(group):
    events, deferred = NOT_AFTER_FIRST_REQUEST[group]
    statuses, loaded = loaded_modules(group, f"{group}_handler", events)
    assert all(status < 500 for status in statuses), statuses
    assert "infra.settings.app_settings" in loaded
    assert deferred & loaded == set(), f"imported by {events}: import it where it is used"


ADAPTER_SNIPPET = """
import json, sys
sys.path[:0] = ["shared"]
import saas_billing.infra.external_api.service.stripe.gateway
print(json.dumps(sorted(sys.modules)))
"""


def test_the_stripe_adapter_a_deployed_catalog_builds_loads_none_of_those_schemas_either():
    """The row above reads the catalog through the offline stand-in; deployed, the first request builds
    the Stripe adapter, whose other parts (checkout, customers, events) build the schemas it leaves out."""
    _, deferred = NOT_AFTER_FIRST_REQUEST["catalog"]
    result = subprocess.run(
        [sys.executable, "-c", ADAPTER_SNIPPET], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded = {
        name.removeprefix("saas_billing.") for name in json.loads(result.stdout.strip().splitlines()[-1])
    }
    assert "infra.external_api.service.stripe.catalog" in loaded
    assert deferred & loaded == set(), "imported with the adapter: import it where it is built"


SNIPPET = """
import json, sys
sys.path[:0] = ["shared", "functions/{group}", "."]
import {group}_handler
from tests.support.lambda_events import invoke, load_event
statuses = [invoke({group}_handler.handler, load_event(path)).status for path in {events!r}]
names = ("stripe", "jinja2", "cryptography", "jwt", "pymongo", "pydantic.v1")
loaded = {{name: bool(sys.modules.get(name)) for name in names}}
plugins_scanned = sys.modules["pydantic.plugin._loader"]._plugins is not None
print(json.dumps(loaded | {{"statuses": statuses, "plugins_scanned": plugins_scanned}}))
"""


def cold_start(group: str, events: list[str], **extra_env: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(
            ("STRIPE_", "MONGODB_", "APP_", "SETTINGS_", "AWS_LAMBDA_", "AWS_SAM_", "PYDANTIC_")
        )
    }
    env |= {"APP_STAGE": "local", **extra_env}
    code = SNIPPET.format(group=group, events=events)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("group", "events"),
    [
        (
            "subscriptions",
            ["subscriptions/list_subscriptions.json", "subscriptions/get_subscription_unknown.json"],
        ),
        ("customers", []),
    ],
)
def test_reading_saved_data_imports_neither_stripe_nor_jinja2(group, events):
    seen = cold_start(group, events)
    assert all(status < 500 for status in seen["statuses"]), seen
    assert not seen["stripe"] and not seen["jinja2"], seen


@pytest.mark.parametrize(
    ("group", "events"),
    [
        (
            "subscriptions",
            ["subscriptions/list_subscriptions.json"],
        ),  # a placeholder bearer: no token of ours
        ("webhooks", []),
        ("auth", ["auth/me_anonymous.json", "auth/signin_page.json"]),
    ],
)
def test_requests_without_a_token_of_ours_import_neither_jwt_nor_cryptography(group, events):
    seen = cold_start(group, events)
    assert all(status < 500 for status in seen["statuses"]), seen
    assert not seen["cryptography"] and not seen["jwt"], seen


# Repositories are built on first use (infra/db/mongo_client.py): an answer that needs no stored data
# imports no pymongo (~45 ms). The last case reads the database, so the check can fail.
@pytest.mark.parametrize(
    ("group", "events", "reaches_database"),
    [
        ("auth", ["auth/me_anonymous.json", "auth/me_bad_bearer.json", "auth/signin_page.json"], False),
        ("subscriptions", ["subscriptions/list_subscriptions.json"], False),  # a placeholder bearer: 401
        ("customers", ["customers/create_customer.json"], False),
        ("checkout", ["checkout/pricing_page.json", "checkout/cancel_page.json"], False),
        ("webhooks", ["webhooks/01_customer_subscription_updated.json"], False),  # unsigned: refused
        ("auth", ["auth/login.json"], True),
    ],
)
def test_answers_that_need_no_stored_data_import_no_pymongo(group, events, reaches_database):
    seen = cold_start(group, events)
    assert all(status < 500 for status in seen["statuses"]), seen
    assert seen["pymongo"] is reaches_database, seen


# FastAPI asks pydantic.v1 about every route's types and every response it encodes; a function process
# (a function name set; the local stage as `sam local` runs it) answers for it, and skips pydantic's
# search for plugins (infra/mixins/lean_pydantic.py). A test process does neither.
LAMBDA_ENV = {"AWS_LAMBDA_FUNCTION_NAME": "a-function", "AWS_SAM_LOCAL": "true"}


@pytest.mark.parametrize("on_lambda", [True, False])
@pytest.mark.parametrize(
    ("group", "events"),
    [
        ("catalog", ["catalog/list_products.json"]),
        ("subscriptions", ["subscriptions/list_subscriptions.json"]),
        ("auth", ["auth/register.json", "auth/me_anonymous.json"]),
    ],
)
def test_a_function_process_never_imports_pydantic_v1_nor_looks_for_plugins(group, events, on_lambda):
    seen = cold_start(group, events, **(LAMBDA_ENV if on_lambda else {}))
    assert all(status < 500 for status in seen["statuses"]), seen
    assert seen["pydantic.v1"] is not on_lambda, seen
    assert seen["plugins_scanned"] is not on_lambda, seen  # no search for pydantic plugins either


@pytest.mark.parametrize("on_lambda", [True, False])
def test_the_scheduled_function_skips_the_plugin_search_without_fastapi(on_lambda):
    seen = cold_start("reconcile", [], **(LAMBDA_ENV if on_lambda else {}))
    assert seen["plugins_scanned"] is not on_lambda, seen
    assert not seen["pydantic.v1"], seen


OPENAPI_SNIPPET = """
import json, sys
sys.path[:0] = ["shared", "functions/{group}", "."]
import {module}
from fastapi.openapi import models
built_at_init = models.OpenAPI.__pydantic_complete__
print(json.dumps({{"built_at_init": built_at_init, "openapi": {module}.app.openapi()}}))
"""


def openapi_of(spec, **extra_env: str) -> dict:
    env = {"PATH": os.environ.get("PATH", ""), "APP_STAGE": "local", "SETTINGS_ENV_FILE": os.devnull + ".env"}
    code = OPENAPI_SNIPPET.format(group=spec.group, module=spec.module)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env | extra_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("spec", [s for s in functions() if s.routes], ids=lambda spec: spec.logical_id)
def test_a_function_process_builds_fastapis_openapi_models_only_when_used(spec):
    """Deferred at init (infra/fastapi_config/lean_import.py), they build the same document when asked."""
    test_process = openapi_of(spec)
    function_process = openapi_of(spec, AWS_LAMBDA_FUNCTION_NAME=spec.group, AWS_SAM_LOCAL="true")
    assert test_process["built_at_init"] and not function_process["built_at_init"]
    assert function_process["openapi"] == test_process["openapi"]
    assert function_process["openapi"]["paths"]


def test_only_the_page_function_imports_jinja2():
    seen = cold_start("checkout", ["checkout/cancel_page.json"])
    assert seen["statuses"] == [200]
    assert seen["jinja2"] and not seen["stripe"], seen


@pytest.mark.parametrize(("group", "events"), [("auth", ["auth/me_anonymous.json"]), ("checkout", [])])
def test_page_functions_import_jinja2_only_when_a_page_is_rendered(group, events):
    seen = cold_start(group, events)
    assert all(status < 500 for status in seen["statuses"]), seen
    assert not seen["jinja2"], seen


FORMS_SNIPPET = """
import json, sys
sys.path[:0] = ["shared", "functions/{group}", "."]
import {group}_handler
import starlette.formparsers
form = "application/x-www-form-urlencoded"
routes = [
    route.path for route in {group}_handler.app.routes
    if form in ((getattr(route, "openapi_extra", None) or {{}}).get("requestBody", {{}}).get("content", {{}}))
]
print(json.dumps({{"form_routes": routes, "parses_forms": starlette.formparsers.multipart is not None}}))
"""


@pytest.mark.parametrize("spec", [s for s in functions() if s.routes], ids=lambda spec: spec.logical_id)
def test_a_function_with_a_form_route_can_parse_forms_after_its_lean_init(spec):
    """A handler that imports FastAPI without form parsing (lean_fastapi) answers a form with a 500 on
    Lambda, though in-process tests (where fastapi was imported normally) pass. Routes document the forms
    they take (openapi_extra), so the declarations say which functions need lean_fastapi_forms."""
    code = FORMS_SNIPPET.format(group=spec.group)
    env = {"PATH": os.environ.get("PATH", ""), "APP_STAGE": "local", "SETTINGS_ENV_FILE": os.devnull + ".env"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert not seen["form_routes"] or seen["parses_forms"], (
        f"{spec.group} takes forms at {seen['form_routes']}: its handler must import lean_fastapi_forms"
    )


STRIPE_SNIPPET = """
import json, sys, time
sys.path[:0] = ["shared"]
from saas_billing.infra.external_api.service.stripe.webhook_verifier import StripeWebhookVerifier
import stripe
body = json.dumps({"id": "evt_1", "object": "event", "type": "customer.updated", "created": int(time.time()),
                   "data": {"object": {"id": "cus_1"}}})
header = stripe.WebhookSignature.generate_signature_header(body, "whsec_test")
event = StripeWebhookVerifier(["whsec_test"]).verify(body.encode(), header)
verified = {"event": event.id, "requests": "requests" in sys.modules}
from saas_billing.infra.external_api.service.stripe.gateway import build_stripe_client
client = build_stripe_client("sk_test_" + "x" * 24)
print(json.dumps(verified | {"then": "requests" in sys.modules,
                             "client": type(client._requestor._client).__name__}))
"""


def test_verifying_a_webhook_loads_no_http_client_and_a_stripe_client_brings_its_own():
    """stripe probes for requests when imported (~35 ms); the adapter holds it back, as its clients bring
    their own RequestsClient (infra/external_api/service/stripe/__init__.py)."""
    result = subprocess.run(
        [sys.executable, "-c", STRIPE_SNIPPET], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"event": "evt_1", "requests": False, "then": True, "client": "RequestsClient"}
