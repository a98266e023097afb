"""Customer portal part of the Stripe gateway."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.errors import CustomerNotFound
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.interface.portal_gateway import PortalGateway
from saas_billing.infra.external_api.service.billing_shapes import to_portal_session
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors

if TYPE_CHECKING:
    import stripe

    from saas_billing.domain.schemas.billing.checkout import PortalSession


class StripePortal(PortalGateway):
    client: stripe.StripeClient

    def create_portal_session(self, customer_id: str, return_url: str) -> PortalSession:
        try:
            with stripe_errors():
                session = self.client.v1.billing_portal.sessions.create(
                    params={"customer": customer_id, "return_url": return_url}
                )
        except NotFound as error:
            raise CustomerNotFound(f"No such customer: '{customer_id}'") from error
        return to_portal_session(session.to_dict())
