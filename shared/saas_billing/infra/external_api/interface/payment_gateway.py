"""The whole payment provider, composed of one narrow interface per concern.

Use cases depend on the narrow interface they need; factories hand out the composite.
"""

from __future__ import annotations

from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
from saas_billing.infra.external_api.interface.checkout_gateway import CheckoutGateway
from saas_billing.infra.external_api.interface.customer_gateway import CustomerGateway
from saas_billing.infra.external_api.interface.entitlement_gateway import EntitlementGateway
from saas_billing.infra.external_api.interface.portal_gateway import PortalGateway
from saas_billing.infra.external_api.interface.subscription_gateway import SubscriptionGateway
from saas_billing.infra.external_api.interface.subscription_sync_gateway import SubscriptionSyncGateway


class PaymentGateway(
    CatalogGateway,
    CustomerGateway,
    CheckoutGateway,
    SubscriptionGateway,
    PortalGateway,
    SubscriptionSyncGateway,
    EntitlementGateway,
):
    pass
