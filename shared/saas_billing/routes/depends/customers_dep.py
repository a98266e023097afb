"""The customer use cases at the edge, each one dependency node that builds its collaborators directly."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.app_settings import Stage
from saas_billing.infra.settings.loader import get_settings
from saas_billing.usecase.customers.delete_all_customers import DeleteAllCustomers
from saas_billing.usecase.customers.manage_customers import CreateCustomer, DeleteCustomer, ListCustomers


async def create_customer_dependency() -> CreateCustomer:
    return CreateCustomer(get_payment_gateway(get_settings()), get_clock())


async def list_customers_dependency() -> ListCustomers:
    return ListCustomers(get_payment_gateway(get_settings()))


async def delete_customer_dependency() -> DeleteCustomer:
    return DeleteCustomer(get_payment_gateway(get_settings()))


async def delete_all_customers_dependency() -> DeleteAllCustomers:
    settings = get_settings()
    return DeleteAllCustomers(
        get_payment_gateway(settings), get_clock(), is_prod=settings.app_stage is Stage.PROD
    )


CreateCustomerDep = Annotated[CreateCustomer, Depends(create_customer_dependency)]
ListCustomersDep = Annotated[ListCustomers, Depends(list_customers_dependency)]
DeleteCustomerDep = Annotated[DeleteCustomer, Depends(delete_customer_dependency)]
DeleteAllCustomersDep = Annotated[DeleteAllCustomers, Depends(delete_all_customers_dependency)]
