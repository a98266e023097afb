"""The customer use cases at the edge."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.app_settings import Stage
from saas_billing.routes.depends.gateway_dep import GatewayDep
from saas_billing.routes.depends.settings_dep import SettingsDep
from saas_billing.usecase.customers.delete_all_customers import DeleteAllCustomers
from saas_billing.usecase.customers.manage_customers import CreateCustomer, DeleteCustomer, ListCustomers


async def create_customer_dependency(gateway: GatewayDep) -> CreateCustomer:
    return CreateCustomer(gateway, get_clock())


async def list_customers_dependency(gateway: GatewayDep) -> ListCustomers:
    return ListCustomers(gateway)


async def delete_customer_dependency(gateway: GatewayDep) -> DeleteCustomer:
    return DeleteCustomer(gateway)


async def delete_all_customers_dependency(settings: SettingsDep, gateway: GatewayDep) -> DeleteAllCustomers:
    return DeleteAllCustomers(gateway, get_clock(), is_prod=settings.app_stage is Stage.PROD)


CreateCustomerDep = Annotated[CreateCustomer, Depends(create_customer_dependency)]
ListCustomersDep = Annotated[ListCustomers, Depends(list_customers_dependency)]
DeleteCustomerDep = Annotated[DeleteCustomer, Depends(delete_customer_dependency)]
DeleteAllCustomersDep = Annotated[DeleteAllCustomers, Depends(delete_all_customers_dependency)]
