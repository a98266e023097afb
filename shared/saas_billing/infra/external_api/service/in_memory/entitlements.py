"""Stripe's Entitlements for the in-memory gateway: features, product features, active entitlements.

A customer's active entitlements are the features of the products of its subscriptions that entitle:
Stripe keeps them while a subscription is active, trialing or past due (retries still running), and
removes them when it ends (canceled, unpaid, incomplete_expired) or never started (incomplete). A
subscription canceled at period end keeps them until it actually ends. Whenever a subscription event
changes a customer's set, the summary event Stripe sends is recorded after it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.entitlement_gateway import EntitlementGateway

if TYPE_CHECKING:
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState

ENTITLING_STATUSES = frozenset({"active", "trialing", "past_due"})
SUMMARY_EVENT = "entitlements.active_entitlement_summary.updated"


def add_feature(state: InMemoryStripeState, lookup_key: str, name: str) -> dict[str, Any]:
    feature = {
        "id": state.new_id("feat"),
        "object": "entitlements.feature",
        "active": True,
        "livemode": False,
        "lookup_key": lookup_key,
        "metadata": {},
        "name": name,
    }
    state.features[feature["id"]] = feature
    return feature


def attach_feature(state: InMemoryStripeState, product_id: str, feature: dict[str, Any]) -> None:
    state.product_features.setdefault(product_id, []).append(
        {
            "id": state.new_id("prodft"),
            "object": "product_feature",
            "entitlement_feature": copy.deepcopy(feature),
            "livemode": False,
        }
    )


def active_entitlements(state: InMemoryStripeState, customer_id: str) -> list[dict[str, Any]]:
    """`entitlements.active_entitlement` objects, one per feature, sorted by lookup key."""
    features: dict[str, dict[str, Any]] = {}
    for subscription in state.subscriptions.values():
        if subscription["customer"] != customer_id or subscription["status"] not in ENTITLING_STATUSES:
            continue
        for item in subscription["items"]["data"]:
            for attached in state.product_features.get(item["price"]["product"], []):
                feature = state.features[attached["entitlement_feature"]["id"]]
                if feature["active"]:
                    features[feature["lookup_key"]] = feature
    return [
        {
            "id": f"ent_{customer_id}_{feature['id']}",
            "object": "entitlements.active_entitlement",
            "feature": feature["id"],
            "livemode": False,
            "lookup_key": key,
        }
        for key, feature in sorted(features.items())
    ]


def summarize_if_changed(state: InMemoryStripeState, customer_id: str, created: int) -> None:
    """Records the summary event when the customer's set differs from the last one summarized."""
    entitlements = active_entitlements(state, customer_id)
    keys = tuple(e["lookup_key"] for e in entitlements)
    if state.summarized.get(customer_id, ()) == keys:
        return
    state.summarized[customer_id] = keys
    summary = {
        "object": "entitlements.active_entitlement_summary",
        "customer": customer_id,
        "entitlements": {
            "object": "list",
            "data": entitlements,
            "has_more": False,
            "url": f"/v1/customer/{customer_id}/entitlements",
        },
        "livemode": False,
    }
    state.record_event(SUMMARY_EVENT, summary, created)


class InMemoryEntitlements(EntitlementGateway):
    state: InMemoryStripeState

    def list_active_entitlements(self, customer_id: str) -> tuple[str, ...]:
        with self.state.lock:
            if customer_id not in self.state.customers:
                raise NotFound(f"No such customer: '{customer_id}'")
            return tuple(e["lookup_key"] for e in active_entitlements(self.state, customer_id))
