"""Customer admin endpoints: create, list, delete one, and (test mode only) delete all.

Admins only, in every stage: 401 for a visitor, 403 for a signed-in user. `make create-admin` makes one.
The function also serves the service API keys (routes/api_key_routes.py, admins) and the route the team's
backends call with one (routes/service_entitlement_routes.py).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, status

from saas_billing.domain.errors import BulkDeleteRefused, CustomerNotFound, InvalidId
from saas_billing.infra.fastapi_config.openapi_declarations import STRIPE_FAILURES, errors
from saas_billing.models.schemas.billing.customer import (
    CustomerCreate,
    CustomerDeletedPublic,
    CustomerListPublic,
    CustomerPublic,
    CustomersDeletedPublic,
)
from saas_billing.routes.api_key_routes import router as api_key_router
from saas_billing.routes.depends.auth_dep import AdminUser
from saas_billing.routes.depends.customers_dep import (
    CreateCustomerDep,
    DeleteAllCustomersDep,
    DeleteCustomerDep,
    ListCustomersDep,
)
from saas_billing.routes.service_entitlement_routes import router as service_entitlement_router

router = APIRouter(prefix="/v1/customers", tags=["customers"])


@router.post(
    "", response_model=CustomerPublic, status_code=status.HTTP_201_CREATED, responses=errors(*STRIPE_FAILURES)
)
async def create_customer(
    body: CustomerCreate,
    _admin: AdminUser,
    create: CreateCustomerDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> CustomerPublic:
    """Retried with the same Idempotency-Key (or the same body within a minute), it returns the first one."""
    customer = create.execute(body.name, body.email, idempotency_key)
    return CustomerPublic.from_domain(customer)


@router.get("", response_model=CustomerListPublic, responses=errors(InvalidId, *STRIPE_FAILURES))
async def list_customers(
    _admin: AdminUser,
    list_customers: ListCustomersDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    starting_after: Annotated[str | None, Query(max_length=255)] = None,
) -> CustomerListPublic:
    """Newest first; for the next page pass the last id as `starting_after`."""
    return CustomerListPublic.from_domain(list_customers.execute(limit, starting_after))


@router.delete(
    "/{customer_id}",
    response_model=CustomerDeletedPublic,
    responses=errors(InvalidId, CustomerNotFound, *STRIPE_FAILURES),
)
async def delete_customer(
    customer_id: str, _admin: AdminUser, delete: DeleteCustomerDep
) -> CustomerDeletedPublic:
    """Stripe cancels the customer's subscriptions with it."""
    delete.execute(customer_id)
    return CustomerDeletedPublic(id=customer_id)


@router.delete(
    "", response_model=CustomersDeletedPublic, responses=errors(BulkDeleteRefused, *STRIPE_FAILURES)
)
async def delete_all_customers(
    _admin: AdminUser, delete_all: DeleteAllCustomersDep
) -> CustomersDeletedPublic:
    """A testing helper: refused (403) in prod and with a live Stripe key."""
    result = delete_all.execute()
    return CustomersDeletedPublic(deleted=result.deleted, has_more=result.has_more)


# The team's backends' API keys (admin) and the route they call with one, served by this function too.
routers = (router, api_key_router, service_entitlement_router)
