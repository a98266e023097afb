"""The Stripe adapter's Entitlements reads against a loopback server shaped like Stripe's API: every page of
a customer's active entitlements, a product's features (archived ones left out), and their failures."""

from __future__ import annotations

import pytest

from saas_billing.domain.schemas.catalog.catalog_item import CatalogFeature
from saas_billing.domain.webhook_errors import InvalidWebhookPayload
from saas_billing.infra.exception.errors import NotFound
from tests.integration.test_stripe_subscription_sync_http import fake, gateway_for  # noqa: F401  (shared)
from tests.support.fake_stripe_server import stripe_error, stripe_list

ACTIVE = "/v1/entitlements/active_entitlements"


def active_entitlement(key: str) -> dict:
    return {
        "id": f"ent_{key.replace('.', '_')}",
        "object": "entitlements.active_entitlement",
        "feature": f"feat_{key.replace('.', '_')}",
        "livemode": False,
        "lookup_key": key,
    }


def feature(key: str, name: str, active: bool = True) -> dict:
    return {
        "id": f"feat_{key.replace('.', '_')}",
        "object": "entitlements.feature",
        "active": active,
        "livemode": False,
        "lookup_key": key,
        "metadata": {},
        "name": name,
    }


def product_feature(feat: dict) -> dict:
    return {
        "id": f"prodft_{feat['id']}",
        "object": "product_feature",
        "entitlement_feature": feat,
        "livemode": False,
    }


def test_every_page_of_a_customers_active_entitlements_is_read(fake):
    pages = {
        None: stripe_list(ACTIVE, [active_entitlement("support.priority")], has_more=True),
        "ent_support_priority": stripe_list(ACTIVE, [active_entitlement("projects.unlimited")]),
    }
    fake.on("GET", ACTIVE, lambda request: (200, pages[request.param("starting_after")]))

    assert gateway_for(fake).list_active_entitlements("cus_1") == ("projects.unlimited", "support.priority")
    first, second = fake.requests
    assert (first.param("customer"), first.param("limit")) == ("cus_1", "100")
    assert (second.param("customer"), second.param("starting_after")) == ("cus_1", "ent_support_priority")


def test_a_customer_without_entitlements_has_none(fake):
    fake.on("GET", ACTIVE, stripe_list(ACTIVE, []))
    assert gateway_for(fake).list_active_entitlements("cus_1") == ()


def test_an_unknown_customer_is_not_found(fake):
    message = "No such customer: 'cus_gone'"
    fake.on("GET", ACTIVE, stripe_error("invalid_request_error", message, param="customer"), status=404)
    with pytest.raises(NotFound):
        gateway_for(fake).list_active_entitlements("cus_gone")


def test_a_lookup_key_that_is_not_a_key_is_refused(fake):
    fake.on("GET", ACTIVE, stripe_list(ACTIVE, [{**active_entitlement("x"), "lookup_key": {"$ne": 1}}]))
    with pytest.raises(InvalidWebhookPayload):
        gateway_for(fake).list_active_entitlements("cus_1")


def test_a_products_features_are_listed_without_the_archived_ones(fake):
    path = "/v1/products/prod_pro/features"
    data = [
        product_feature(feature("projects.unlimited", "Unlimited projects")),
        product_feature(feature("projects.legacy", "Legacy", active=False)),
        product_feature(feature("support.priority", "Priority support")),
    ]
    fake.on("GET", path, stripe_list(path, data))

    assert gateway_for(fake).list_product_features("prod_pro") == (
        CatalogFeature("projects.unlimited", "Unlimited projects"),
        CatalogFeature("support.priority", "Priority support"),
    )
    assert fake.requests[0].param("limit") == "100"


def test_keys_stripe_allows_outside_an_ids_shape_are_read_by_reconcile_and_the_catalog(fake):
    """Stripe sets no character rules on a lookup key: reconcile and the catalog read such keys as they are."""
    keys = ("Priority support", "projects:unlimited")
    fake.on("GET", ACTIVE, stripe_list(ACTIVE, [active_entitlement(key) for key in keys]))
    assert gateway_for(fake).list_active_entitlements("cus_1") == keys
    path = "/v1/products/prod_pro/features"
    fake.on("GET", path, stripe_list(path, [product_feature(feature(keys[1], "Unlimited projects"))]))
    assert gateway_for(fake).list_product_features("prod_pro") == (
        CatalogFeature("projects:unlimited", "Unlimited projects"),
    )
