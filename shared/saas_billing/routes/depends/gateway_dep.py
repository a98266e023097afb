"""The payment gateway at the edge, built on first use per container."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.external_api.interface.payment_gateway import PaymentGateway
from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.routes.depends.settings_dep import SettingsDep


async def gateway_dependency(settings: SettingsDep) -> PaymentGateway:
    return get_payment_gateway(settings)


GatewayDep = Annotated[PaymentGateway, Depends(gateway_dependency)]
