"""Reads Stripe's Entitlements objects: product features, active entitlements and their summary.

Shapes (Stripe API): a `product_feature` has `entitlement_feature` (an `entitlements.feature`: id,
lookup_key, name, active, ...); an `entitlements.active_entitlement` has id, feature, lookup_key; the
`entitlements.active_entitlement_summary` a webhook carries has `customer` and `entitlements`, a list
object whose `has_more` says it was cut short. A lookup key is any string Stripe accepts (at most 80
characters, no character rules): MongoDB stores it as a literal and the token's `scope` claim leaves out
one it cannot hold (`Grants.scopes`). Only what Stripe could never have sent is malformed: not a string,
empty, too long, or with a control character or a lone surrogate (which no database could store).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from saas_billing.domain.schemas.catalog.catalog_item import CatalogFeature
from saas_billing.infra.external_api.service.stripe_fields import (
    malformed,
    mapping,
    objects,
    optional_text,
    stripe_id,
)

if TYPE_CHECKING:
    # Imported here: the catalog reads catalog_features only.
    from saas_billing.domain.schemas.entitlements.entitlement_summary import EntitlementSummary

LOOKUP_KEY_MAX = 80


def lookup_key(entitlement: Mapping[str, Any], what: str) -> str:
    value = entitlement.get("lookup_key")
    if (
        not isinstance(value, str)
        or not 0 < len(value) <= LOOKUP_KEY_MAX
        or any(unicodedata.category(c) in ("Cc", "Cs") for c in value)
    ):
        raise malformed(f"{what}.lookup_key is not a lookup key (1 to 80 characters, no control characters)")
    return value


def lookup_keys(entitlements: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(sorted({lookup_key(e, "active_entitlement") for e in entitlements}))


def to_entitlement_summary(summary: Mapping[str, Any]) -> EntitlementSummary:
    from saas_billing.domain.schemas.entitlements.entitlement_summary import EntitlementSummary

    listing = mapping(summary.get("entitlements"), "summary.entitlements")
    return EntitlementSummary(
        customer_id=stripe_id(summary.get("customer"), "summary.customer", "cus_"),
        lookup_keys=lookup_keys(objects(listing.get("data"), "summary.entitlements.data")),
        complete=not listing.get("has_more"),
    )


def to_catalog_feature(product_feature: Mapping[str, Any]) -> CatalogFeature | None:
    """None for an archived feature (`active: false`): Stripe grants it to no one."""
    feature = mapping(product_feature.get("entitlement_feature"), "product_feature.entitlement_feature")
    if feature.get("active") is False:
        return None
    key = lookup_key(feature, "feature")
    return CatalogFeature(lookup_key=key, name=optional_text(feature.get("name"), "feature.name") or key)


def catalog_features(product_features: Iterable[Mapping[str, Any]]) -> tuple[CatalogFeature, ...]:
    return tuple(f for f in map(to_catalog_feature, product_features) if f is not None)
