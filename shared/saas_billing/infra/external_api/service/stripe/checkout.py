"""Checkout part of the Stripe gateway: subscription-mode sessions and reading them back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from saas_billing.domain.errors import CheckoutSessionNotFound, CustomerNotFound, PriceNotFound
from saas_billing.infra.exception.errors import BadRequest, NotFound
from saas_billing.infra.external_api.interface.checkout_gateway import CheckoutGateway
from saas_billing.infra.external_api.service.billing_shapes import CHECKOUT_SESSION_EXPAND, to_checkout_result
from saas_billing.infra.external_api.service.checkout_params import checkout_params
from saas_billing.infra.external_api.service.stripe.errors import stripe_errors

if TYPE_CHECKING:
    import stripe

    from saas_billing.domain.schemas.billing.checkout import (
        CheckoutRequest,
        CheckoutResult,
        CheckoutSession,
        ClosedCheckout,
    )


class StripeCheckout(CheckoutGateway):
    client: stripe.StripeClient

    def create_checkout_session(self, request: CheckoutRequest) -> CheckoutSession:
        try:
            with stripe_errors():
                session = self.client.v1.checkout.sessions.create(
                    params=checkout_params(request),  # type: ignore[arg-type]
                    options={"idempotency_key": request.idempotency_key},
                )
        except BadRequest as error:
            # Stripe answers a deleted customer with 400 resource_missing on the `customer` parameter.
            # An unknown price the same way, on `line_items[0][price]`: the 404 that reading it would give.
            cause = error.__cause__
            if getattr(cause, "code", None) == "resource_missing":
                param = getattr(cause, "param", None) or ""
                if param == "customer":
                    raise CustomerNotFound(f"No such customer: '{request.customer_id}'") from error
                if param.startswith("line_items"):
                    raise PriceNotFound(f"No such price: '{request.price_id}'") from error
            raise
        # The schemas are imported where they are built: the catalog function makes this gateway too.
        from saas_billing.domain.schemas.billing.checkout import CheckoutSession

        return CheckoutSession(
            id=session.id, url=session.url or "", expires_at=session.to_dict().get("expires_at")
        )

    def retrieve_checkout_session(self, session_id: str, observed_at: float) -> CheckoutResult:
        try:
            with stripe_errors():
                session = self.client.v1.checkout.sessions.retrieve(
                    session_id, params={"expand": CHECKOUT_SESSION_EXPAND}
                )
        except NotFound as error:
            raise CheckoutSessionNotFound() from error
        return to_checkout_result(session.to_dict(), observed_at)

    def expire_checkout_session(self, session_id: str) -> ClosedCheckout:
        sessions = self.client.v1.checkout.sessions
        try:
            with stripe_errors():
                session = sessions.expire(session_id)
        except BadRequest:
            # Stripe expires only open sessions: read back what this one became (paid, or expired already).
            try:
                with stripe_errors():
                    session = sessions.retrieve(session_id)
            except NotFound as error:
                raise CheckoutSessionNotFound() from error
        except NotFound as error:
            raise CheckoutSessionNotFound() from error
        data = session.to_dict()
        subscription = data.get("subscription")
        if isinstance(subscription, dict):
            subscription = subscription.get("id")
        from saas_billing.domain.schemas.billing.checkout import ClosedCheckout

        return ClosedCheckout(status=data.get("status") or "expired", subscription_id=subscription or None)
