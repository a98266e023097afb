"""Pricing page, subscription Checkout, and the pages Stripe sends the customer back to.

URLs handed to Stripe start with the API's public address (routes/http_response/public_address.py),
never the Host header, so they work behind API Gateway and on a laptop alike. Page routes answer
errors with a page of the same status, never a bare 500. Subscribing needs an account: the session
uses the account's Stripe customer and links the subscription to it; a visitor is sent to sign in
and back to pricing.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.responses import Response

from saas_billing.domain.auth_errors import CrossSiteRequest, NotAuthenticated
from saas_billing.domain.errors import DomainError, InactivePrice, PriceNotFound, SubscriptionExists
from saas_billing.infra.exception.errors import AppError, BadRequest, ServiceUnavailable
from saas_billing.infra.fastapi_config.error_responses import HANDLED
from saas_billing.infra.fastapi_config.openapi_declarations import STRIPE_FAILURES, body, errors
from saas_billing.infra.settings.loader import get_settings
from saas_billing.models.schemas.billing.checkout import CheckoutSessionCreate, CheckoutSessionPublic
from saas_billing.routes.depends.auth_dep import OptionalUser
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.depends.body_dep import is_json_client, parse_form_or_json
from saas_billing.routes.depends.catalog_dep import ListCatalogDep
from saas_billing.routes.depends.checkout_dep import ConfirmCheckoutDep, CreateCheckoutSessionDep
from saas_billing.routes.depends.request_dep import NoticeQuery, PublicBaseUrl
from saas_billing.routes.depends.subscription_repo_dep import CurrentSubscriptionDep
from saas_billing.routes.http_response.auth_forms import ACCOUNT_PATH, SIGNIN_PATH
from saas_billing.routes.http_response.billing_views import long_date, plan_label, plan_views
from saas_billing.routes.http_response.notices import notice_text, with_notice
from saas_billing.routes.http_response.page_errors import NO_STORE
from saas_billing.routes.http_response.page_errors import message_page as error_page
from saas_billing.routes.http_response.pages import FAVICON, render_page
from saas_billing.usecase.billing.create_checkout_session import CheckoutInput
from saas_billing.usecase.catalog.list_catalog import ListCatalog

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import CheckoutResult

router = APIRouter(tags=["checkout"])
SESSIONS_PATH = "/v1/checkout/sessions"
SUCCESS_PATH = "/v1/checkout/success"
CANCEL_PATH = "/v1/checkout/cancel"
PRICING_PATH = "/pricing"
SIGNIN_TO_SUBSCRIBE = f"{SIGNIN_PATH}?next={PRICING_PATH}"
SIGNUP_TO_SUBSCRIBE = f"/v1/auth/signup?next={PRICING_PATH}"
ICON_CACHE = {"Cache-Control": "public, max-age=86400"}


def message_page(error: AppError | DomainError, base_url: str) -> HTMLResponse:
    return error_page(error, f"{base_url}{PRICING_PATH}", home_url=f"{base_url}{PRICING_PATH}")


def client_token(request: Request, form_token: str | None) -> str:
    """The pricing form's per-page token; for API clients, their address and user agent."""
    if form_token:
        return form_token
    who = f"{request.client.host if request.client else ''}|{request.headers.get('user-agent', '')}"
    return hashlib.sha256(who.encode()).hexdigest()


@router.get("/", response_class=HTMLResponse)
@router.get(PRICING_PATH, response_class=HTMLResponse)
async def pricing_page(
    list_catalog: ListCatalogDep,
    base_url: PublicBaseUrl,
    user: OptionalUser,
    current_subscription: CurrentSubscriptionDep,
    notice: NoticeQuery = None,
) -> Response:
    """The plans, with a Subscribe button per price (a sign-in link for visitors); catalog cached per
    container. A subscriber sees the current plan marked and Switch on the others."""
    try:
        plans = plan_views(list_catalog.execute(with_features=True))
        current = current_subscription.execute(user.user_id) if user else None
    except HANDLED as error:
        return message_page(error, base_url)
    return render_page(
        "pricing.html",
        headers=NO_STORE,  # each render carries its own request token
        plans=plans,
        action=f"{base_url}{SESSIONS_PATH}",
        request_token=secrets.token_urlsafe(16),
        home_url=f"{base_url}{PRICING_PATH}",
        user=user,
        email_verified=user is None or _email_verified(user.user_id),
        signin_url=SIGNIN_TO_SUBSCRIBE,
        signup_url=SIGNUP_TO_SUBSCRIBE,
        next_path=PRICING_PATH,
        current=current,
        change_action=f"{base_url}/v1/subscriptions/{current.id}/change" if current else None,
        notice=notice_text(notice),
    )


def _email_verified(user_id: str) -> bool:
    """For the banner that asks a signed-in user to confirm the email (read only for them, not visitors)."""
    account = user_repo(get_settings()).get(user_id)
    return account is None or account.email_verified


@router.post(
    SESSIONS_PATH,
    response_model=CheckoutSessionPublic,
    responses={
        303: {"description": "A form: to Stripe's Checkout page (or, signed out, to sign in and back)"},
        **errors(
            NotAuthenticated,
            CrossSiteRequest,
            BadRequest,
            InactivePrice,
            PriceNotFound,
            *STRIPE_FAILURES,
            ServiceUnavailable,
        ),
    },
    openapi_extra=body(CheckoutSessionCreate, form=True, redirects=False),  # its own 303, above
)
async def create_checkout_session(
    request: Request,
    user: OptionalUser,
    create: CreateCheckoutSessionDep,
    base_url: PublicBaseUrl,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Response:
    """Form or JSON (`price_id`). A form gets a 303 to Checkout; JSON gets {id, url}.

    Signed out: a form is sent (303) to sign in and back to pricing; a JSON client gets 401. An account
    whose subscription has not ended gets 409 naming it (`{"detail": "This account already has
    subscription 'sub_…'; …"}`), the form a 303 to /account; another checkout of the account still
    opening is a 409 to retry. A new checkout makes the account's previous open session unpayable.
    """
    json_client = is_json_client(request)
    if user is None:
        if json_client:
            raise NotAuthenticated("Sign in to subscribe")
        return RedirectResponse(SIGNIN_TO_SUBSCRIBE, status_code=303, headers=NO_STORE)
    from saas_billing.domain.schemas.billing.checkout import SESSION_ID_PLACEHOLDER  # the pages need none

    try:
        body = await parse_form_or_json(request, CheckoutSessionCreate)
        session = create.execute(
            CheckoutInput(
                price_id=body.price_id,
                account_id=user.user_id,
                success_url=f"{base_url}{SUCCESS_PATH}?session_id={SESSION_ID_PLACEHOLDER}",
                cancel_url=f"{base_url}{CANCEL_PATH}",
                client_token=client_token(request, body.request_token),
                client_key=idempotency_key,
            )
        )
    except HANDLED as error:
        if json_client:
            raise
        if isinstance(error, SubscriptionExists):  # the account page is where a subscriber changes plan
            location = with_notice(ACCOUNT_PATH, "already-subscribed")
            return RedirectResponse(location, status_code=303, headers=NO_STORE)
        return message_page(error, base_url)
    if json_client:
        return JSONResponse(CheckoutSessionPublic(id=session.id, url=session.url).model_dump())
    return RedirectResponse(session.url, status_code=303)


@router.get(SUCCESS_PATH, response_class=HTMLResponse)
async def checkout_success(
    confirm: ConfirmCheckoutDep,
    list_catalog: ListCatalogDep,
    base_url: PublicBaseUrl,
    user: OptionalUser,
    session_id: str | None = None,
) -> Response:
    """For the session's signed-in owner: reads it back from Stripe and records its subscription (safe to
    reload). Anyone else holding the URL gets a thank-you without details, and no Stripe call."""
    try:
        confirmation = confirm.execute(session_id, user.user_id if user else None)
    except HANDLED as error:
        return message_page(error, base_url)
    if confirmation is None:
        return render_page(
            "checkout_success.html",
            headers=NO_STORE,
            details=False,
            signin_url=f"{SIGNIN_PATH}?next={PRICING_PATH}",
            home_url=f"{base_url}{PRICING_PATH}",
            user=user,
        )
    subscription = confirmation.subscription
    plan = _plan_name(confirmation.session, subscription.price_id, list_catalog) if subscription else None
    return render_page(
        "checkout_success.html",
        headers=NO_STORE,
        details=True,
        subscription=subscription,
        plan=plan or (subscription.price_id if subscription else None),
        email=(subscription.customer_email if subscription else None) or confirmation.session.customer_email,
        ends_on=long_date(subscription.ends_at) if subscription else None,
        renews_on=long_date(subscription.current_period_end) if subscription else None,
        home_url=f"{base_url}{PRICING_PATH}",
        user=user,
    )


def _plan_name(session: CheckoutResult, price_id: str | None, list_catalog: ListCatalog) -> str | None:
    """From the session lookup (its bought price and product); the catalog only if the subscription has
    moved to another price since."""
    if session.bought and (label := plan_label([session.bought], price_id)):
        return label
    try:
        return plan_label(list_catalog.execute(), price_id)
    except HANDLED:
        return None  # the page still confirms the subscription without the plan's name


@router.get(CANCEL_PATH, response_class=HTMLResponse)
async def checkout_cancel(base_url: PublicBaseUrl, user: OptionalUser) -> Response:
    """Where Stripe sends a customer who left Checkout without paying."""
    return render_page("checkout_cancel.html", home_url=f"{base_url}{PRICING_PATH}", user=user)


@router.get("/favicon.ico", response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
async def favicon() -> Response:
    """The product's icon, shipped with the package (an SVG; browsers take it from the pages' link)."""
    return Response(FAVICON.read_bytes(), media_type="image/svg+xml", headers=ICON_CACHE)
