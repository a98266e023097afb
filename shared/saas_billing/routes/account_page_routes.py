"""The account page (`GET /account`): the subscription with its actions, and the signed-in devices.

Served by the subscriptions function. A visitor is sent to sign in and back. The actions are forms
posting to the JSON routes (subscriptions, portal, devices), which answer a form with a 303 back here.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.responses import Response

from saas_billing.domain.errors import DomainError
from saas_billing.infra.exception.errors import AppError
from saas_billing.infra.fastapi_config.error_responses import HANDLED
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_dep import OptionalUser
from saas_billing.routes.depends.auth_services_dep import user_repo
from saas_billing.routes.depends.authenticate_dep import build_manage_devices
from saas_billing.routes.depends.catalog_dep import ListCatalogDep
from saas_billing.routes.depends.entitlement_dep import entitlement_repository
from saas_billing.routes.depends.request_dep import NoticeQuery
from saas_billing.routes.depends.subscription_repo_dep import subscription_repository
from saas_billing.routes.http_response.account_view import device_views, plan_choices, subscription_view
from saas_billing.routes.http_response.auth_forms import ACCOUNT_PATH, HOME_PATH, NO_STORE, SIGNIN_PATH
from saas_billing.routes.http_response.billing_views import feature_names
from saas_billing.routes.http_response.notices import notice_text

router = APIRouter(tags=["subscriptions"])


def account_form_error(error: AppError | DomainError) -> HTMLResponse:
    """jinja2 is imported by page answers only: a JSON read of saved data never loads it."""
    from saas_billing.routes.http_response.page_errors import message_page

    return message_page(error, ACCOUNT_PATH, "Back to your account")


@router.get(ACCOUNT_PATH, response_class=HTMLResponse)
async def account_page(
    user: OptionalUser,
    list_catalog: ListCatalogDep,
    notice: NoticeQuery = None,
    confirm: Annotated[
        str | None, Query(description="`cancel`: ask to confirm (other values are ignored)")
    ] = None,
) -> Response:
    """Your subscription (plan, price, status, renewal or end) with its actions, the features it gives
    you, and your devices."""
    if user is None:
        return RedirectResponse(f"{SIGNIN_PATH}?next={ACCOUNT_PATH}", status_code=303, headers=NO_STORE)
    settings = get_settings()
    # Imported here: a visitor is redirected above, and the routes sharing this module never need them.
    from saas_billing.usecase.billing.account_overview import AccountOverview

    try:
        billing = AccountOverview(subscription_repository(settings)).execute(user.user_id)
        sessions = build_manage_devices(settings).list(user)
        account = user_repo(settings).get(user.user_id)
        entitled = entitlement_repository(settings).for_account(user.user_id)
    except HANDLED as error:
        return account_form_error(error)
    try:
        catalog = list_catalog.execute(with_features=True)
    except HANDLED:
        catalog = []  # the page still shows the subscription, by price id, without the plan's name
    current = subscription_view(billing.current, catalog) if billing.current else None
    from saas_billing.routes.http_response.pages import render_page

    return render_page(
        "account.html",
        headers=NO_STORE,
        user=user,
        next_path=HOME_PATH,  # where signing out lands (this page would only send a visitor to sign in)
        notice=notice_text(notice),
        subscription=current,
        choices=plan_choices(catalog, current["price_id"]) if current else [],
        ended=subscription_view(billing.last_ended, catalog) if billing.last_ended else None,
        attention=billing.attention,
        confirm_cancel=confirm == "cancel",
        has_customer=bool(account and account.stripe_customer_id),
        devices=device_views(sessions, user.device_id),
        features=feature_names(catalog, entitled.lookup_keys) if entitled else [],
    )
