"""`make seed-catalog`: creates the demo catalog in the Stripe account of STRIPE_API_KEY, idempotently.

Products get fixed ids and prices get lookup keys, so a rerun finds what exists and creates nothing new.
Entitlement features are found by lookup key and attached to their products once (`seed_features`).
Settings come from the environment or .env (STRIPE_API_KEY, optional STRIPE_API_BASE, e.g. stripe-mock).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "shared") not in sys.path:
    sys.path.insert(0, str(ROOT / "shared"))

import stripe  # noqa: E402

from saas_billing.infra.external_api.service.demo_catalog import (  # noqa: E402
    CURRENCY,
    DEMO_CATALOG,
    DEMO_FEATURES,
)
from saas_billing.infra.external_api.service.stripe.gateway import (  # noqa: E402
    build_stripe_client,
    is_test_key,
)
from saas_billing.infra.settings.loader import load_settings  # noqa: E402

PREFIX = "saas_billing_demo_"


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)


def seed_catalog(client: stripe.StripeClient) -> SeedReport:
    report = SeedReport()
    lookup_keys = [f"{PREFIX}{p['key']}" for product in DEMO_CATALOG for p in product["prices"]]
    found = client.v1.prices.list(params={"lookup_keys": lookup_keys, "limit": 100})
    existing_prices = {price.lookup_key: price.id for price in found.data}
    for product in DEMO_CATALOG:
        product_id = f"{PREFIX}{product['key']}"
        _ensure_product(client, product_id, product, report)
        for price in product["prices"]:
            lookup_key = f"{PREFIX}{price['key']}"
            if lookup_key in existing_prices:
                report.existing.append(f"price {lookup_key} ({existing_prices[lookup_key]})")
                continue
            created = client.v1.prices.create(
                params={
                    "product": product_id,
                    "currency": CURRENCY,
                    "unit_amount": price["unit_amount"],
                    "recurring": {"interval": price["interval"]},
                    "lookup_key": lookup_key,
                },
                options={"idempotency_key": f"seed-{lookup_key}"},
            )
            report.created.append(f"price {lookup_key} ({created.id})")
    return report


def seed_features(client: stripe.StripeClient, report: SeedReport) -> None:
    """Each demo feature once (by lookup key), then attached to each product that lists it, once."""
    listed = client.v1.entitlements.features.list(params={"limit": 100}).auto_paging_iter()
    features = {feature.lookup_key: feature.id for feature in listed}
    for key, name in DEMO_FEATURES.items():
        if key in features:
            report.existing.append(f"feature {key} ({features[key]})")
            continue
        created = client.v1.entitlements.features.create(
            params={"lookup_key": key, "name": name}, options={"idempotency_key": f"seed-feature-{key}"}
        )
        features[key] = created.id
        report.created.append(f"feature {key} ({created.id})")
    for product in DEMO_CATALOG:
        product_id = f"{PREFIX}{product['key']}"
        attached = client.v1.products.features.list(product_id, params={"limit": 100}).auto_paging_iter()
        attached_ids = {link.entitlement_feature.id for link in attached}
        for key in product["features"]:
            if features[key] in attached_ids:
                report.existing.append(f"feature {key} on {product_id}")
                continue
            client.v1.products.features.create(
                product_id,
                params={"entitlement_feature": features[key]},
                options={"idempotency_key": f"seed-{product_id}-{key}"},
            )
            report.created.append(f"feature {key} on {product_id}")


def _ensure_product(client: stripe.StripeClient, product_id: str, product: dict, report: SeedReport) -> None:
    try:
        client.v1.products.retrieve(product_id)
        report.existing.append(f"product {product_id}")
        return
    except stripe.InvalidRequestError as error:
        if error.http_status != 404:
            raise
    client.v1.products.create(
        params={"id": product_id, "name": product["name"], "description": product["description"]},
        options={"idempotency_key": f"seed-{product_id}"},
    )
    report.created.append(f"product {product_id}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--live", action="store_true", help="allow a live-mode key (off by default)")
    args = parser.parse_args(argv)
    settings = load_settings()
    if not settings.stripe_api_key:
        print("STRIPE_API_KEY is not set (environment or .env); nothing to seed.", file=sys.stderr)
        return 2
    api_key = settings.stripe_api_key.get_secret_value()
    if not is_test_key(api_key) and not args.live:
        print("Refusing to seed a live-mode account; pass --live if you really mean it.", file=sys.stderr)
        return 2
    client = build_stripe_client(
        api_key,
        api_base=settings.stripe_api_base,
        max_network_retries=settings.stripe_max_network_retries,
        timeout_seconds=settings.stripe_timeout_seconds,
    )
    try:
        report = seed_catalog(client)
        seed_features(client, report)
    except stripe.StripeError as error:
        print(f"Stripe refused: {error.user_message or error}", file=sys.stderr)
        return 1
    for line in report.created:
        print(f"created  {line}")
    for line in report.existing:
        print(f"exists   {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
