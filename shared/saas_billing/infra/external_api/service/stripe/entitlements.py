"""Entitlements part of the Stripe gateway: a customer's active entitlements, one paginated listing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.infra.external_api.interface.entitlement_gateway import EntitlementGateway
from saas_billing.infra.external_api.service.entitlement_shapes import lookup_keys
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors

if TYPE_CHECKING:
    import stripe


class StripeEntitlements(EntitlementGateway):
    client: stripe.StripeClient

    def list_active_entitlements(self, customer_id: str) -> tuple[str, ...]:
        with stripe_errors():
            listing = self.client.v1.entitlements.active_entitlements.list(
                params={"customer": customer_id, "limit": 100}
            )
            return lookup_keys(entitlement.to_dict() for entitlement in listing.auto_paging_iter())
