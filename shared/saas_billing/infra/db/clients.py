"""Drops every per-container client; tests call it between cases."""

from __future__ import annotations


def reset_clients() -> None:
    from saas_billing.infra.db.mongo_client import set_mongo_client
    from saas_billing.infra.external_api.service.gateway_factory import set_payment_gateway
    from saas_billing.infra.mixins.clock import set_clock
    from saas_billing.infra.security.service.security_factory import set_security_services
    from saas_billing.infra.settings.loader import reset_settings

    set_mongo_client(None)
    set_payment_gateway(None)
    set_security_services(None, None)
    set_clock(None)
    reset_settings()
