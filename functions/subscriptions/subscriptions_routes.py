"""Saved subscriptions, cancel, resume, plan change and the Stripe customer portal, for the signed-in account.

A user sees and changes only their own (someone else's id is a 404, as if unknown); an admin any, and
lists everyone's with `scope=all`. Listing and reading come from MongoDB only; changes call Stripe,
importing it on first use. The account page's forms post to the same routes as JSON clients: a form gets
a 303 back to the account page with a confirmation, or a page with the error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from saas_billing.domain.auth_errors import AdminRequired, UserNotFound
from saas_billing.domain.errors import (
    CustomerNotFound,
    InvalidCursor,
    InvalidId,
    NotScheduledToEnd,
    PriceNotFound,
    SamePrice,
    SubscriptionEnded,
    SubscriptionNotFound,
)
from saas_billing.infra.exception.errors import BadRequest, ServiceUnavailable
from saas_billing.infra.fastapi_config.error_responses import HANDLED
from saas_billing.infra.fastapi_config.openapi_declarations import STRIPE_FAILURES, body, errors
from saas_billing.models.schemas.auth.session_public import NextPage
from saas_billing.models.schemas.billing.subscription import (
    PlanChange,
    PortalSessionCreate,
    PortalSessionPublic,
    SubscriptionListPublic,
    SubscriptionPublic,
)
from saas_billing.models.schemas.entitlements.entitlements_public import EntitlementsPublic
from saas_billing.routes.account_page_routes import account_form_error
from saas_billing.routes.account_page_routes import router as account_page_router
from saas_billing.routes.depends.account_dep import AccountScope, ListingScope
from saas_billing.routes.depends.auth_dep import CurrentUser
from saas_billing.routes.depends.entitlement_dep import GetEntitlementsDep
from saas_billing.routes.depends.request_dep import PublicBaseUrl
from saas_billing.routes.depends.subscriptions_dep import (
    CancelSubscriptionDep,
    ChangePlanDep,
    GetSubscriptionDep,
    ListSubscriptionsDep,
    OpenBillingPortalDep,
    ResumeSubscriptionDep,
)
from saas_billing.routes.http_response.auth_forms import ACCOUNT_PATH, NO_STORE, READS_BODY, Entry, read_entry

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription

router = APIRouter(tags=["subscriptions"])
PORTAL_RETURN_PATH = ACCOUNT_PATH


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
    "/v1/entitlements",
    response_model=EntitlementsPublic,
    responses=errors(ServiceUnavailable),
)
async def get_entitlements(user: CurrentUser, get_entitlements: GetEntitlementsDep) -> EntitlementsPublic:
    """Your plan and the features you may use now: Stripe's active entitlements as last synced (webhooks
    and reconciliation), read from the database only."""
    return EntitlementsPublic.from_domain(get_entitlements.execute(user.user_id))


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


async def account_action(
    request: Request, run: Callable[[Entry], SavedSubscription], notice: str
) -> Response:
    """JSON in and out, or the account page's form: a 303 back with `notice`, or a page with the error."""
    entry = await read_entry(request, default_next=ACCOUNT_PATH)
    try:
        saved = run(entry)
    except HANDLED as error:
        if not entry.is_form:
            raise
        return account_form_error(error)
    return entry.done(SubscriptionPublic.from_domain(saved), notice=notice)


@router.post(
    "/v1/subscriptions/{subscription_id}/cancel",
    response_model=SubscriptionPublic,
    responses=errors(*READS_BODY, InvalidId, SubscriptionNotFound, SubscriptionEnded, *STRIPE_FAILURES),
    openapi_extra=body(NextPage, form=True, json=False, required=False),
)
async def cancel_subscription_at_period_end(
    subscription_id: str, request: Request, account_id: AccountScope, cancel: CancelSubscriptionDep
) -> Response:
    """Cancels when the paid period ends (the account page's confirmed form); it shows "Ends on" then."""
    return await account_action(
        request, lambda _: cancel.execute(subscription_id, True, account_id), "canceled"
    )


@router.post(
    "/v1/subscriptions/{subscription_id}/resume",
    response_model=SubscriptionPublic,
    responses=errors(
        *READS_BODY, InvalidId, SubscriptionNotFound, SubscriptionEnded, NotScheduledToEnd, *STRIPE_FAILURES
    ),
    openapi_extra=body(NextPage, form=True, json=False, required=False),
)
async def resume_subscription(
    subscription_id: str, request: Request, account_id: AccountScope, resume: ResumeSubscriptionDep
) -> Response:
    """Undoes a scheduled end (`cancel_at_period_end=false`, or a `cancel_at` date); 400 if none is set."""
    return await account_action(request, lambda _: resume.execute(subscription_id, account_id), "resumed")


@router.post(
    "/v1/subscriptions/{subscription_id}/change",
    response_model=SubscriptionPublic,
    responses=errors(
        *READS_BODY,
        InvalidId,
        SubscriptionNotFound,
        SubscriptionEnded,
        PriceNotFound,
        SamePrice,
        *STRIPE_FAILURES,
    ),
    openapi_extra=body(PlanChange, form=True),
)
async def change_subscription_plan(
    subscription_id: str, request: Request, account_id: AccountScope, change: ChangePlanDep
) -> Response:
    """Moves the subscription to another active price (`price_id`), prorated; returns the stored state.
    Someone else's subscription or a price not on offer: 404; the price it is already on: 400."""

    def run(entry: Entry) -> SavedSubscription:
        return change.execute(subscription_id, entry.parse(PlanChange).price_id, account_id)

    return await account_action(request, run, "switched")


@router.post(
    "/v1/billing/portal",
    response_model=PortalSessionPublic,
    responses=errors(*READS_BODY, BadRequest, CustomerNotFound, UserNotFound, *STRIPE_FAILURES),
    openapi_extra=body(PortalSessionCreate, form=True),
)
async def open_billing_portal(
    request: Request,
    user: CurrentUser,
    account_id: AccountScope,
    base_url: PublicBaseUrl,
    open_portal: OpenBillingPortalDep,
) -> Response:
    """A one-time Stripe portal URL for your customer (JSON), or a 303 to it (a form); you come back to
    your account page."""
    entry = await read_entry(request, default_next=ACCOUNT_PATH)
    try:
        # The account page's form opens the account's own portal; naming a customer is for JSON (admins).
        body = PortalSessionCreate() if entry.is_form else entry.parse(PortalSessionCreate)
        session = open_portal.execute(
            user.user_id, f"{base_url}{PORTAL_RETURN_PATH}", body.customer_id, unrestricted=account_id is None
        )
    except HANDLED as error:
        if not entry.is_form:
            raise
        return account_form_error(error)
    if entry.is_form:
        return RedirectResponse(session.url, status_code=303, headers=NO_STORE)
    return entry.done(PortalSessionPublic(url=session.url))


# The account page is served here too, included next to this router (not into it: FastAPI rebuilds a
# router's routes each time it is included in another).
routers = (router, account_page_router)
