"""Stripe-like objects kept in dicts, shared by the in-memory gateway's parts."""

from __future__ import annotations

import copy
import itertools
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from saas_billing.infra.external_api.service.demo_catalog import CURRENCY, DEMO_CATALOG, DEMO_FEATURES
from saas_billing.infra.external_api.service.in_memory import entitlements


@dataclass
class InMemoryStripeState:
    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    prices: dict[str, dict[str, Any]] = field(default_factory=dict)
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    checkout_sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    portal_sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    invoices: dict[str, dict[str, Any]] = field(default_factory=dict)
    features: dict[str, dict[str, Any]] = field(default_factory=dict)  # entitlements.feature by id
    product_features: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by product id
    # Each customer's lookup keys as last sent in a summary event: a change sends the next one.
    summarized: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every change, as Stripe would log it in /v1/events: {"id", "type", "created", "data": {"object"}}.
    events: list[dict[str, Any]] = field(default_factory=list)
    # Results of create calls by idempotency key, so a retried create returns the first result.
    idempotent_results: dict[str, Any] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def new_id(self, prefix: str) -> str:
        return f"{prefix}_{next(self._counter):04d}{secrets.token_hex(6)}"

    def record_event(
        self, event_type: str, obj: dict[str, Any], created: float | None = None
    ) -> dict[str, Any]:
        event = {
            "id": self.new_id("evt"),
            "object": "event",
            "type": event_type,
            "created": int(created if created is not None else time.time()),
            "data": {"object": copy.deepcopy(obj)},
        }
        self.events.append(event)
        customer = obj.get("customer")
        customer = customer.get("id") if isinstance(customer, dict) else customer
        if event_type.startswith("customer.subscription.") and isinstance(customer, str):
            # Stripe recomputes the customer's entitlements after the change and sends the summary.
            entitlements.summarize_if_changed(self, customer, event["created"])
        return event

    def add_product(self, name: str, description: str | None = None, product_id: str | None = None) -> str:
        product_id = product_id or self.new_id("prod")
        self.products[product_id] = {
            "id": product_id,
            "name": name,
            "description": description,
            "active": True,
        }
        return product_id

    def add_price(
        self, product_id: str, unit_amount: int, interval: str | None, price_id: str | None = None
    ) -> str:
        price_id = price_id or self.new_id("price")
        self.prices[price_id] = {
            "id": price_id,
            "product": product_id,
            "currency": CURRENCY,
            "unit_amount": unit_amount,
            "recurring": {"interval": interval, "interval_count": 1} if interval else None,
            "active": True,
            "nickname": None,
        }
        return price_id

    @classmethod
    def with_demo_catalog(cls) -> InMemoryStripeState:
        """Stable ids (price_starter_monthly, ...) so events and docs can name them."""
        state = cls()
        for product in DEMO_CATALOG:
            product_id = state.add_product(product["name"], product["description"], f"prod_{product['key']}")
            for key in product["features"]:
                feature = next((f for f in state.features.values() if f["lookup_key"] == key), None)
                entitlements.attach_feature(
                    state, product_id, feature or entitlements.add_feature(state, key, DEMO_FEATURES[key])
                )
            for price in product["prices"]:
                state.add_price(product_id, price["unit_amount"], price["interval"], f"price_{price['key']}")
        return state
