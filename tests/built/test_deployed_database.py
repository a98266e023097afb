"""Built functions in a deployed stage against a real MongoDB server, through a proxy that records every
command: serving never sends createIndexes (the migration does, at deploy time), yet every repository is used."""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlsplit

import pymongo
import pytest

from saas_billing.infra.db.migrate import migrate
from scripts.child_process import free_port
from scripts.invoke_built import BuiltFunction, InvokeError, built_root
from scripts.sign_event import sign_http_event
from tests.support import signing_keys
from tests.support.lambda_events import load_event
from tests.support.wire_proxy import CommandRecordingProxy

pytestmark = pytest.mark.built

WEBHOOK_SECRET = "whsec_" + secrets.token_urlsafe(24)
ACCOUNT = {"email": "grace@example.com", "password": "correct horse battery staple"}


@pytest.fixture
def proxy(mongo_uri):
    with pymongo.MongoClient(mongo_uri) as client:
        migrate(client["saas_billing"])  # the deploy step
    upstream = urlsplit(mongo_uri)
    proxy = CommandRecordingProxy(upstream.hostname, upstream.port)
    yield proxy
    proxy.close()


def deployed(mongo_uri: str) -> dict[str, str]:
    """The dev stage with its settings in the environment (no SSM) and Stripe on a closed port."""
    return {
        "APP_STAGE": "dev",
        "MONGODB_URI": mongo_uri,
        "JWT_SIGNING_KEYS": signing_keys.pem(),
        "STRIPE_API_KEY": "sk_test_unreachable",
        "STRIPE_API_BASE": f"http://127.0.0.1:{free_port()}",
        "STRIPE_MAX_NETWORK_RETRIES": "0",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }


def invoke(function_id: str, env: dict[str, str], event: dict) -> dict:
    with BuiltFunction(built_root(function_id), env, timeout=60) as function:
        return function.invoke(event)


def json_event(path: str, body: dict | None = None, token: str | None = None) -> dict:
    event = load_event(path)
    if body is not None:
        event["body"] = json.dumps(body)
    if token:
        event["headers"]["authorization"] = f"Bearer {token}"
    return event


def test_cold_starts_and_first_requests_send_no_create_indexes(proxy):
    env = deployed(proxy.uri)
    assert invoke("AuthFunction", env, json_event("auth/register.json", ACCOUNT))["statusCode"] == 201
    login = invoke("AuthFunction", env, json_event("auth/login.json", ACCOUNT))
    token = json.loads(login["body"])["access_token"]
    listed = invoke(
        "SubscriptionsFunction", env, json_event("subscriptions/list_subscriptions.json", token=token)
    )
    assert listed["statusCode"] == 200, listed
    delivery = sign_http_event(load_event("webhooks/01_customer_subscription_updated.json"), WEBHOOK_SECRET)
    assert invoke("WebhooksFunction", env, delivery)["statusCode"] == 200
    with pytest.raises(InvokeError, match="payment provider"):  # reads its checkpoint, then Stripe is down
        invoke("ReconcileFunction", env, load_event("reconcile/scheduled.json"))
    sent = set(proxy.commands)
    assert {"insert", "find", "update"} <= sent, sorted(sent)
    assert not sent & {"createIndexes", "dropIndexes", "collMod"}, sorted(sent)
