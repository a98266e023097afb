"""One gateway per container, chosen by settings; stripe is imported only when it is really used."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.infra.exception.errors import SettingsError

if TYPE_CHECKING:
    from saas_billing.infra.external_api.interface.payment_gateway import PaymentGateway
    from saas_billing.infra.settings.app_settings import AppSettings

logger = logging.getLogger(__name__)
_gateway: PaymentGateway | None = None


def get_payment_gateway(settings: AppSettings) -> PaymentGateway:
    global _gateway
    if _gateway is None:
        _gateway = build_payment_gateway(settings)
    return _gateway


def build_payment_gateway(settings: AppSettings) -> PaymentGateway:
    if settings.stripe_api_key:
        from saas_billing.infra.external_api.service.stripe.gateway import (
            StripeGateway,
            build_stripe_client,
            is_test_key,
        )

        api_key = settings.stripe_api_key.get_secret_value()
        client = build_stripe_client(
            api_key,
            api_base=settings.stripe_api_base,
            max_network_retries=settings.stripe_max_network_retries,
            timeout_seconds=settings.stripe_timeout_seconds,
        )
        return StripeGateway(client, test_mode=is_test_key(api_key))
    if not settings.is_local:
        raise SettingsError("stripe_api_key is required outside the local stage")
    from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway

    logger.info("no Stripe key set: using the in-memory payment gateway with the demo catalog")
    return InMemoryGateway()


def set_payment_gateway(gateway: PaymentGateway | None) -> None:
    """Tests install a gateway here; None drops the cached one."""
    global _gateway
    _gateway = gateway
