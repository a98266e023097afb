"""The real payment gateway, on a StripeClient instance (never the global stripe.api_key)."""

from __future__ import annotations

import stripe

from saas_billing.infra.external_api.interface.payment_gateway import PaymentGateway
from saas_billing.infra.external_api.service.stripe.catalog import StripeCatalog
from saas_billing.infra.external_api.service.stripe.subscription_sync import StripeSubscriptionSync


class StripeGateway(StripeCatalog, StripeSubscriptionSync, PaymentGateway):
    def __init__(self, client: stripe.StripeClient) -> None:
        self.client = client


def build_stripe_client(
    api_key: str,
    *,
    api_base: str | None = None,
    max_network_retries: int = 2,
    timeout_seconds: float = 8.0,
    http_client: stripe.HTTPClient | None = None,
) -> stripe.StripeClient:
    """A bounded timeout keeps a slow Stripe well inside the Lambda timeout."""
    base_addresses = {"api": api_base, "connect": api_base, "files": api_base} if api_base else None
    return stripe.StripeClient(
        api_key,
        base_addresses=base_addresses,
        max_network_retries=max_network_retries,
        http_client=http_client or stripe.RequestsClient(timeout=timeout_seconds),
    )
