"""The real payment gateway, on a StripeClient instance (never the global stripe.api_key)."""

from __future__ import annotations

import stripe

from saas_billing.infra.external_api.interface.payment_gateway import PaymentGateway
from saas_billing.infra.external_api.service.stripe.catalog import StripeCatalog
from saas_billing.infra.external_api.service.stripe.checkout import StripeCheckout
from saas_billing.infra.external_api.service.stripe.customers import StripeCustomers
from saas_billing.infra.external_api.service.stripe.entitlements import StripeEntitlements
from saas_billing.infra.external_api.service.stripe.portal import StripePortal
from saas_billing.infra.external_api.service.stripe.subscription_sync import StripeSubscriptionSync
from saas_billing.infra.external_api.service.stripe.subscriptions import StripeSubscriptions

TEST_KEY_PREFIXES = ("sk_test_", "rk_test_")


class StripeGateway(
    StripeCatalog,
    StripeCustomers,
    StripeCheckout,
    StripeSubscriptions,
    StripePortal,
    StripeSubscriptionSync,
    StripeEntitlements,
    PaymentGateway,
):
    def __init__(self, client: stripe.StripeClient, *, test_mode: bool = False) -> None:
        """`test_mode` comes from the key (see `is_test_key`); the safe default refuses bulk deletes."""
        self.client = client
        self.test_mode = test_mode


def is_test_key(api_key: str) -> bool:
    return api_key.startswith(TEST_KEY_PREFIXES)


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
