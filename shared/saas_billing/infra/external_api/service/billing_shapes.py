"""Reads Stripe-shaped customer, Checkout and portal dicts (API or in-memory) into domain objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from saas_billing.infra.external_api.service.stripe_fields import optional_timestamp
from saas_billing.infra.external_api.service.stripe_shapes import (
    to_catalog_price,
    to_catalog_product,
    to_subscription_snapshot,
)

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import CheckoutResult, PortalSession
    from saas_billing.domain.schemas.billing.customer import Customer
    from saas_billing.domain.schemas.billing.subscription import SubscriptionSnapshot
    from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct

# What the success page needs in one lookup: the subscription, the customer's email, the plan's name.
CHECKOUT_SESSION_EXPAND = ["subscription", "customer", "line_items.data.price.product"]


def to_customer(customer: Mapping[str, Any]) -> Customer:
    # Each reader imports the schema it builds: the in-memory stand-in imports this module for any request.
    from saas_billing.domain.schemas.billing.customer import Customer

    return Customer(
        id=customer["id"],
        email=customer.get("email"),
        name=customer.get("name"),
        created=optional_timestamp(customer.get("created"), "customer.created"),
    )


def with_customer(snapshot: SubscriptionSnapshot, customer: Any) -> SubscriptionSnapshot:
    """Fills email and name from an expanded customer when the subscription did not carry them."""
    if not isinstance(customer, Mapping):
        return snapshot
    return replace(
        snapshot,
        customer_email=snapshot.customer_email or customer.get("email"),
        customer_name=snapshot.customer_name or customer.get("name"),
    )


def bought_plan(session: Mapping[str, Any]) -> PricedProduct | None:
    """The first line item's price and product, when `line_items.data.price.product` was expanded."""
    line_items = session.get("line_items")
    data = line_items.get("data") if isinstance(line_items, Mapping) else None
    price = data[0].get("price") if isinstance(data, list) and data and isinstance(data[0], Mapping) else None
    if not isinstance(price, Mapping) or not isinstance(price.get("product"), Mapping):
        return None
    from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct

    return PricedProduct(product=to_catalog_product(price["product"]), prices=[to_catalog_price(price)])


def to_checkout_result(session: Mapping[str, Any], observed_at: float) -> CheckoutResult:
    """Reads a session retrieved with `expand=CHECKOUT_SESSION_EXPAND`."""
    from saas_billing.domain.schemas.billing.checkout import CheckoutResult

    customer = session.get("customer")
    details = session.get("customer_details") or {}
    email = (customer.get("email") if isinstance(customer, Mapping) else None) or details.get("email")
    subscription = session.get("subscription")
    snapshot = None
    if isinstance(subscription, Mapping):
        snapshot = with_customer(to_subscription_snapshot(subscription, observed_at), customer)
        if snapshot.customer_email is None and email:
            snapshot = replace(snapshot, customer_email=email, customer_name=details.get("name"))
        if snapshot.account_id is None and session.get("client_reference_id"):
            # The owner the session was opened for, as the webhook reads it too.
            snapshot = replace(snapshot, account_id=session["client_reference_id"])
    return CheckoutResult(
        id=session["id"],
        mode=session.get("mode") or "",
        status=session.get("status"),
        payment_status=session.get("payment_status"),
        customer_id=customer.get("id") if isinstance(customer, Mapping) else customer,
        customer_email=email or session.get("customer_email"),
        subscription=snapshot,
        bought=bought_plan(session),
    )


def to_portal_session(session: Mapping[str, Any]) -> PortalSession:
    from saas_billing.domain.schemas.billing.checkout import PortalSession

    return PortalSession(id=session["id"], url=session["url"])
