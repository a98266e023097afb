"""Counts the network round trips of each request over a real journey: MongoDB commands (pymongo command
monitoring on the client the handlers use, against the wire server) and Stripe calls (each PaymentGateway
method is one Stripe API request in the real adapter, or REQUESTS_PER_CALL; counted at the gateway, around
the in-memory Stripe).

Warm: the second journey in the same containers (another account), so every route has served before.
Cold: every request on fresh container state (new Mongo client and repositories, gateway, settings, token
codec and catalog cache), as a new Lambda container would start.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pymongo
from pymongo import monitoring

from saas_billing.infra.db import mongo_client as app_mongo
from saas_billing.infra.db.mongo_client import POOL_SIZE, set_mongo_client
from saas_billing.infra.external_api.interface.payment_gateway import PaymentGateway
from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState
from saas_billing.infra.security.service.security_factory import set_security_services
from saas_billing.infra.settings.loader import reset_settings
from saas_billing.routes.depends.catalog_dep import reset_catalog_cache
from scripts.make_event import http_api_event
from tests.support.auth_client import PASSWORD, install_cheap_hasher
from tests.support.lambda_events import LambdaResponse, invoke
from tests.support.webhooks import delivery

STRIPE_CALLS = frozenset(PaymentGateway.__abstractmethods__)
# Gateway methods that are more than one HTTP request in the real adapter (tests/unit/
# test_stripe_call_per_method.py holds each to its count): a plan switch reads the subscription's item.
REQUESTS_PER_CALL = {"change_subscription_price": 2}


class CommandCounter(monitoring.CommandListener):
    def __init__(self) -> None:
        self.commands: list[str] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        self.commands.append(event.command_name)

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


class CountingGateway:
    """The in-memory Stripe, recording each call a use case makes (calls among its own parts are not)."""

    def __init__(self, inner: InMemoryGateway, calls: list[str] | None = None) -> None:
        self._inner = inner
        self.calls: list[str] = [] if calls is None else calls

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if name not in STRIPE_CALLS:
            return value

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls.extend([name] * REQUESTS_PER_CALL.get(name, 1))
            return value(*args, **kwargs)

        return counted


@dataclass(frozen=True)
class Trips:
    mongo: int
    stripe: int
    detail: str = ""


@dataclass
class Containers:
    """The process's per-container state, rebuilt on demand; one Stripe state and one command log."""

    wire_uri: str
    stripe: InMemoryStripeState = field(default_factory=InMemoryStripeState.with_demo_catalog)
    commands: CommandCounter = field(default_factory=CommandCounter)
    stripe_calls: list[str] = field(default_factory=list)  # every container's, in order
    gateway: CountingGateway | None = None

    def client(self, settings) -> pymongo.MongoClient:
        return pymongo.MongoClient(
            self.wire_uri, tz_aware=True, maxPoolSize=POOL_SIZE, event_listeners=[self.commands]
        )

    def start_cold(self) -> None:
        set_mongo_client(None)
        reset_settings()
        reset_catalog_cache()
        set_security_services(None, None)
        install_cheap_hasher()  # the hash costs no round trip; its cost is the test's choice
        self.gateway = CountingGateway(InMemoryGateway(self.stripe), self.stripe_calls)
        set_payment_gateway(self.gateway)  # type: ignore[arg-type]

    @contextmanager
    def measured(self, route: str, into: dict[str, Trips]) -> Iterator[None]:
        assert self.gateway is not None
        mongo_from, stripe_from = len(self.commands.commands), len(self.gateway.calls)
        yield
        commands = self.commands.commands[mongo_from:]
        calls = self.gateway.calls[stripe_from:]
        detail = f"mongo {Counter(commands)} stripe {calls}"
        into[route] = Trips(len(commands), len(calls), detail)


IN_MEMORY_STRIPE = "saas_billing.infra.external_api.service.in_memory"
STRIPE_MODULES = (
    "checkout",
    "customers",
    "invoices",
    "portal",
    "state",
    "subscription_update",
    "subscriptions",
)


def freeze_time(monkeypatch, clock) -> None:
    """The application and the in-memory Stripe read one clock that does not move during the journey, so
    each webhook meets what is stored in the same second every run (the order-safe rule's tie, as usual on
    AWS), and a request's count never depends on where a second boundary fell."""
    import importlib
    from types import SimpleNamespace

    frozen = SimpleNamespace(time=lambda: clock.now().timestamp())
    for name in STRIPE_MODULES:
        monkeypatch.setattr(importlib.import_module(f"{IN_MEMORY_STRIPE}.{name}"), "time", frozen)


def use_wire_server(monkeypatch, containers: Containers) -> None:
    """The local stage's embedded database becomes a counted client of the (already migrated) server."""
    monkeypatch.setattr(app_mongo, "embedded_client", containers.client)


def _handler(name: str) -> Callable[[dict, Any], dict]:
    module = __import__(f"{name}_handler")
    return module.handler


def _json(method: str, path: str, body: dict | None = None, token: str | None = None, **kw) -> dict:
    headers = {"content-type": "application/json", "accept": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return http_api_event(method, path, headers=headers, body=json.dumps(body) if body else None, **kw)


def _ok(response: LambdaResponse, step: str) -> LambdaResponse:
    assert response.status < 400, f"{step}: {response.status} {response.text}"
    return response


def journey(containers: Containers, email: str, *, cold: bool) -> dict[str, Trips]:
    """One customer from sign-up to sign-out; returns the round trips of each request by route."""
    trips: dict[str, Trips] = {}

    def call(route: str, function: str, event: dict) -> LambdaResponse:
        if cold:
            containers.start_cold()
        with containers.measured(route, trips):
            response = invoke(_handler(function), event)
        return _ok(response, route)

    credentials = {"email": email, "password": PASSWORD}
    call("POST /v1/auth/register", "auth", _json("POST", "/v1/auth/register", credentials))
    tokens = call("POST /v1/auth/login", "auth", _json("POST", "/v1/auth/login", credentials)).json()
    access = tokens["access_token"]
    call("GET /v1/auth/me", "auth", _json("GET", "/v1/auth/me", token=access))
    refresh = {"refresh_token": tokens["refresh_token"]}
    tokens = call("POST /v1/auth/refresh", "auth", _json("POST", "/v1/auth/refresh", refresh)).json()
    access = tokens["access_token"]
    call("GET /v1/products", "catalog", _json("GET", "/v1/products"))
    call("GET /pricing", "checkout", _json("GET", "/pricing", token=access))
    checkout = _json("POST", "/v1/checkout/sessions", {"price_id": "price_pro_monthly"}, token=access)
    call("POST /v1/checkout/sessions (first: creates the customer)", "checkout", checkout)
    again = _json("POST", "/v1/checkout/sessions", {"price_id": "price_pro_monthly"}, token=access)
    again["headers"]["idempotency-key"] = "second-click"  # a new session, not Stripe's replay of the first
    session = call("POST /v1/checkout/sessions (repeat)", "checkout", again).json()
    seen = len(containers.stripe.events)
    InMemoryGateway(containers.stripe).complete_checkout(session["id"])  # the customer pays at Stripe
    query = {"session_id": session["id"]}
    call(
        "GET /v1/checkout/success",
        "checkout",
        _json("GET", "/v1/checkout/success", token=access, query=query),
    )
    seen = _deliver(call, containers, seen)
    # The features changed (entitlements summary): the API answers the old access token with a 401
    # "outdated", and the client refreshes, as any client does on a 401.
    refresh = {"refresh_token": tokens["refresh_token"]}
    tokens = call(
        "POST /v1/auth/refresh (features changed)", "auth", _json("POST", "/v1/auth/refresh", refresh)
    ).json()
    access = tokens["access_token"]
    listing = call("GET /v1/subscriptions", "subscriptions", _json("GET", "/v1/subscriptions", token=access))
    subscription_id = listing.json()["data"][0]["id"]
    switch = _json(
        "POST",
        f"/v1/subscriptions/{subscription_id}/change",
        {"price_id": "price_starter_monthly"},
        token=access,
    )
    call("POST /v1/subscriptions/{id}/change", "subscriptions", switch)
    cancel = _json(
        "DELETE", f"/v1/subscriptions/{subscription_id}", token=access, query={"at_period_end": "true"}
    )
    call("DELETE /v1/subscriptions/{id}", "subscriptions", cancel)
    _deliver(call, containers, seen)
    refresh = {"refresh_token": tokens["refresh_token"]}
    tokens = call(
        "POST /v1/auth/refresh (plan switched)", "auth", _json("POST", "/v1/auth/refresh", refresh)
    ).json()
    access = tokens["access_token"]
    call("POST /v1/billing/portal", "subscriptions", _json("POST", "/v1/billing/portal", token=access))
    call(
        "POST /v1/auth/logout",
        "auth",
        _json("POST", "/v1/auth/logout", {"refresh_token": tokens["refresh_token"]}, token=access),
    )
    return trips


def _deliver(call, containers: Containers, seen: int) -> int:
    """Stripe's events since `seen`, in order, each a signed delivery to the webhooks function."""
    for event in containers.stripe.events[seen:]:
        call(f"POST /v1/webhooks/stripe {event['type']}", "webhooks", delivery(copy.deepcopy(event)))
    return len(containers.stripe.events)


def measure(containers: Containers) -> dict[str, dict[str, Trips]]:
    """Warm-up journey, then a warm one and a cold one, each as a new account."""
    containers.start_cold()
    journey(containers, "warmup@example.com", cold=False)
    warm = journey(containers, "warm@example.com", cold=False)
    cold = journey(containers, "cold@example.com", cold=True)
    return {"warm": warm, "cold": cold}
