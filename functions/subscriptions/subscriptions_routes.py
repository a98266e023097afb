"""Saved subscriptions, cancellation and the Stripe customer portal, for the signed-in account.

A user sees and changes only their own (someone else's id is a 404, as if unknown); an admin any, and
lists everyone's with `scope=all`. Listing and reading come from MongoDB only; cancel and portal call
Stripe, importing it on first use.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from saas_billing.domain.auth_errors import AdminRequired, UserNotFound
from saas_billing.domain.errors import CustomerNotFound, InvalidCursor, InvalidId, SubscriptionNotFound
from saas_billing.infra.exception.errors import BadRequest, ServiceUnavailable
from saas_billing.infra.fastapi_config.openapi_declarations import STRIPE_FAILURES, errors
from saas_billing.models.schemas.billing.subscription import (
    PortalSessionCreate,
    PortalSessionPublic,
    SubscriptionListPublic,
    SubscriptionPublic,
)
from saas_billing.routes.depends.account_dep import AccountScope, ListingScope
from saas_billing.routes.depends.auth_dep import CurrentUser
from saas_billing.routes.depends.request_dep import PublicBaseUrl
from saas_billing.routes.depends.subscriptions_dep import (
    CancelSubscriptionDep,
    GetSubscriptionDep,
    ListSubscriptionsDep,
    OpenBillingPortalDep,
)

router = APIRouter(tags=["subscriptions"])
PORTAL_RETURN_PATH = "/pricing"


@router.get(
    "/v1/subscriptions",
    response_model=SubscriptionListPublic,
    responses=errors(InvalidCursor, AdminRequired, ServiceUnavailable),
)
async def list_subscriptions(
    account_id: ListingScope,
    list_subscriptions: ListSubscriptionsDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    starting_after: Annotated[str | None, Query(max_length=255)] = None,
    status: Annotated[str | None, Query(max_length=32)] = None,
    customer_id: Annotated[str | None, Query(max_length=255)] = None,
) -> SubscriptionListPublic:
    """Your subscriptions, newest first; for the next page pass the last id as `starting_after`."""
    page = list_subscriptions.execute(
        limit=limit,
        starting_after=starting_after,
        status=status,
        customer_id=customer_id,
        account_id=account_id,
    )
    return SubscriptionListPublic.from_domain(page)


@router.get(
    "/v1/subscriptions/{subscription_id}",
    response_model=SubscriptionPublic,
    responses=errors(InvalidId, SubscriptionNotFound, ServiceUnavailable),
)
async def get_subscription(
    subscription_id: str, account_id: AccountScope, get_subscription: GetSubscriptionDep
) -> SubscriptionPublic:
    """One saved subscription (someone else's is a 404, as if it did not exist)."""
    return SubscriptionPublic.from_domain(get_subscription.execute(subscription_id, account_id))


@router.delete(
    "/v1/subscriptions/{subscription_id}",
    response_model=SubscriptionPublic,
    responses=errors(InvalidId, SubscriptionNotFound, *STRIPE_FAILURES, ServiceUnavailable),
)
async def cancel_subscription(
    subscription_id: str,
    account_id: AccountScope,
    cancel: CancelSubscriptionDep,
    at_period_end: bool = False,
) -> SubscriptionPublic:
    """Cancels now, or with `at_period_end=true` when the paid period ends; returns the stored state."""
    return SubscriptionPublic.from_domain(cancel.execute(subscription_id, at_period_end, account_id))


@router.post(
    "/v1/billing/portal",
    response_model=PortalSessionPublic,
    responses=errors(BadRequest, CustomerNotFound, UserNotFound, *STRIPE_FAILURES, ServiceUnavailable),
)
async def open_billing_portal(
    user: CurrentUser,
    account_id: AccountScope,
    base_url: PublicBaseUrl,
    open_portal: OpenBillingPortalDep,
    body: PortalSessionCreate | None = None,
) -> PortalSessionPublic:
    """A one-time Stripe portal URL for your customer; you come back to the pricing page."""
    session = open_portal.execute(
        user.user_id,
        f"{base_url}{PORTAL_RETURN_PATH}",
        body.customer_id if body else None,
        unrestricted=account_id is None,
    )
    return PortalSessionPublic(url=session.url)
