"""`make dev` only: local stand-ins for Stripe's hosted Checkout and portal pages.

The in-memory gateway points Checkout and portal URLs here. These routes live in scripts/ and are
mounted by the dev server alone, so no deployed stage can ever serve them. Paying calls the in-memory
gateway's `complete_checkout`, which creates the customer, the subscription and Stripe's events; the
portal's actions (cancel at period end, cancel now, resume, switch plan) call its subscription update
and cancel. Each action delivers the signed webhooks Stripe would send, after the redirect is on its way.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.background import BackgroundTask

from saas_billing.domain.schemas.billing.checkout import SESSION_ID_PLACEHOLDER
from saas_billing.domain.schemas.billing.subscription import TERMINAL_STATUSES
from saas_billing.infra.exception.errors import NotFound
from saas_billing.infra.external_api.service.gateway_factory import get_payment_gateway
from saas_billing.infra.external_api.service.in_memory.entitlements import SUMMARY_EVENT
from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.infra.external_api.service.stripe_shapes import to_catalog_price
from saas_billing.infra.settings.loader import get_settings
from saas_billing.routes.depends.auth_dep import OptionalUser
from saas_billing.routes.http_response.billing_views import long_date, money, per, price_label
from saas_billing.routes.http_response.pages import TEMPLATES, page_context
from scripts.local_webhook_delivery import deliver_stripe_events

PREFIX = "/_local/stripe"
router = APIRouter(prefix=PREFIX, include_in_schema=False)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    here = FileSystemLoader(Path(__file__).resolve().parent / "local_stripe_templates")
    return Environment(
        loader=ChoiceLoader([here, FileSystemLoader(TEMPLATES)]), autoescape=select_autoescape()
    )


def _page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _environment().get_template(name).render(**page_context(context))
    return HTMLResponse(html, status_code=status_code)


def _gateway() -> InMemoryGateway:
    gateway = get_payment_gateway(get_settings())
    if not isinstance(gateway, InMemoryGateway):
        raise NotFound("The local Stripe pages only exist with the in-memory gateway (no STRIPE_API_KEY)")
    return gateway


def _session(gateway: InMemoryGateway, session_id: str) -> dict[str, Any]:
    session = gateway.state.checkout_sessions.get(session_id)
    if session is None:
        raise NotFound(f"No such checkout.session: '{session_id}'")
    return session


def _plan(gateway: InMemoryGateway, session: dict[str, Any]) -> dict[str, str]:
    price = to_catalog_price(session["line_items"]["data"][0]["price"])
    product = gateway.state.products[price.product_id]
    return {"name": product["name"], "amount": money(price.unit_amount, price.currency), "per": per(price)}


def _payer_email(gateway: InMemoryGateway, session: dict[str, Any]) -> str | None:
    """Stripe pre-fills the email of a session opened for an existing customer, and so do we."""
    customer = gateway.state.customers.get(session.get("customer") or "")
    return session.get("customer_email") or (customer or {}).get("email")


def success_url(session: dict[str, Any]) -> str:
    return session["success_url"].replace(SESSION_ID_PLACEHOLDER, session["id"])


@router.get("/checkout/{session_id}", response_class=HTMLResponse)
async def checkout_page(session_id: str, user: OptionalUser) -> HTMLResponse:
    gateway = _gateway()
    session = _session(gateway, session_id)
    return _page(
        "local_checkout.html",
        session=session,
        plan=_plan(gateway, session),
        success_url=success_url(session),
        payer_email=_payer_email(gateway, session),
        pay_url=f"{PREFIX}/checkout/{session_id}/pay",
        home_url=session["cancel_url"],
        user=user,
    )


@router.post("/checkout/{session_id}/pay")
async def pay(
    request: Request, session_id: str, email: Annotated[str, Form(max_length=254)] = ""
) -> RedirectResponse:
    """Like Stripe: complete the session, send the customer to the success URL (303), and deliver the
    signed `checkout.session.completed` webhook, then the entitlement summary the new subscription
    caused, once the redirect is on its way."""
    gateway = _gateway()
    session = _session(gateway, session_id)
    with gateway.state.lock:
        first_new = len(gateway.state.events)
        completed = gateway.complete_checkout(session_id, email.strip() or None)
        summaries = [e for e in gateway.state.events[first_new:] if e["type"] == SUMMARY_EVENT]
    delivery = BackgroundTask(deliver_stripe_events, request.app, [completed, *summaries])
    return RedirectResponse(success_url(session), status_code=303, background=delivery)


def _portal(gateway: InMemoryGateway, session_id: str) -> dict[str, Any]:
    portal = gateway.state.portal_sessions.get(session_id)
    if portal is None:
        raise NotFound(f"No such billing_portal.session: '{session_id}'")
    return portal


def _portal_rows(gateway: InMemoryGateway, customer_id: str) -> list[dict[str, Any]]:
    rows = []
    for subscription in gateway.state.subscriptions.values():
        if subscription["customer"] != customer_id:
            continue
        item = subscription["items"]["data"][0]
        ends = subscription.get("cancel_at") or (
            item["current_period_end"] if subscription["cancel_at_period_end"] else None
        )
        live = subscription["status"] not in TERMINAL_STATUSES
        rows.append(
            {
                "id": subscription["id"],
                "plan": gateway.state.products[item["price"]["product"]]["name"],
                "price_id": item["price"]["id"],
                "status": subscription["status"],
                "live": live,
                "ends": _day(ends) if ends else None,
                "renews": _day(item["current_period_end"]) if live and not ends else None,
            }
        )
    return rows


def _day(timestamp: int) -> str | None:
    return long_date(datetime.fromtimestamp(timestamp, UTC))


def _plans(gateway: InMemoryGateway) -> list[dict[str, str]]:
    plans = []
    for price in gateway.state.prices.values():
        product = gateway.state.products[price["product"]]
        if price["active"] and product["active"] and price.get("recurring"):
            plans.append({"id": price["id"], "label": price_label(product["name"], to_catalog_price(price))})
    return plans


@router.get("/portal/{session_id}", response_class=HTMLResponse)
async def portal_page(session_id: str, user: OptionalUser) -> HTMLResponse:
    gateway = _gateway()
    portal = _portal(gateway, session_id)
    customer = gateway.state.customers.get(portal["customer"]) or {"id": portal["customer"]}
    return _page(
        "local_portal.html",
        customer=customer,
        rows=_portal_rows(gateway, customer["id"]),
        plans=_plans(gateway),
        action_url=f"{PREFIX}/portal/{session_id}/subscriptions",
        home_url=portal["return_url"],
        user=user,
    )


PortalAction = Literal["cancel-at-period-end", "cancel-now", "resume", "switch"]


@router.post("/portal/{session_id}/subscriptions/{subscription_id}/{action}")
async def portal_action(
    request: Request,
    session_id: str,
    subscription_id: str,
    action: PortalAction,
    price_id: Annotated[str, Form(max_length=255)] = "",
) -> RedirectResponse:
    """What the portal's buttons do at Stripe, for this portal session's customer only; the events they
    cause (`customer.subscription.updated` / `deleted`, and the entitlement summary when a plan switch
    or the end changes the features) are delivered signed, as Stripe would."""
    gateway = _gateway()
    portal = _portal(gateway, session_id)
    subscription = gateway.state.subscriptions.get(subscription_id)
    if subscription is None or subscription["customer"] != portal["customer"]:
        raise NotFound(f"No such subscription: '{subscription_id}'")
    with gateway.state.lock:
        first_new = len(gateway.state.events)
        # The gateway's own changes, as the app makes them (a click is a new request: a new key).
        if action == "switch":
            gateway.change_subscription_price(subscription_id, price_id, secrets.token_hex(8), observed_at=0)
        elif action == "resume":  # ends the scheduled end, whichever way it was set
            scheduled_date_only = not subscription["cancel_at_period_end"]
            gateway.resume_subscription(subscription_id, scheduled_date_only, observed_at=0)
        else:
            gateway.cancel_subscription(subscription_id, action == "cancel-at-period-end", observed_at=0)
        events = gateway.state.events[first_new:]
    delivery = BackgroundTask(deliver_stripe_events, request.app, events)
    return RedirectResponse(f"{PREFIX}/portal/{session_id}", status_code=303, background=delivery)
