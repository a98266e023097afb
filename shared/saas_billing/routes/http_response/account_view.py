"""Turns an account's subscription, the catalog and its devices into what the account page shows."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from saas_billing.routes.http_response.billing_views import long_date, price_amount, price_label

if TYPE_CHECKING:
    from saas_billing.domain.schemas.auth.device_session import DeviceSession
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription
    from saas_billing.domain.schemas.catalog.catalog_item import PricedProduct

STATUS_WORDS = {
    "active": "Active",
    "trialing": "Free trial",
    "past_due": "Past due",
    "unpaid": "Unpaid",
    "incomplete": "Waiting for the first payment",
    "paused": "Paused",
    "canceled": "Canceled",
    "incomplete_expired": "Expired before the first payment",
}
WHAT_TO_DO = {
    "past_due": "Your last payment did not go through. Update your card in Manage billing; "
    "we will try the payment again automatically.",
    "unpaid": "Payments failed and the subscription is on hold. Update your card in Manage billing "
    "to pay the open invoice.",
    "incomplete": "The first payment needs your confirmation. Open Manage billing to complete it.",
}
BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
)


def _prices(catalog: list[PricedProduct]) -> dict[str, tuple[str, str]]:
    """Price id → (plan name, "$29.00 per month")."""
    return {
        price.id: (entry.product.name, price_amount(price)) for entry in catalog for price in entry.prices
    }


def subscription_view(saved: SavedSubscription, catalog: list[PricedProduct]) -> dict[str, Any]:
    name, price = _prices(catalog).get(saved.price_id or "", (saved.price_id or "Unknown plan", "—"))
    status = STATUS_WORDS.get(saved.status, saved.status.replace("_", " ").capitalize())
    ends_on = long_date(saved.ends_at)
    if ends_on and not saved.is_terminal:
        status = f"{status}, ends on {ends_on}"
    return {
        "id": saved.id,
        "plan": name,
        "price": price,
        "price_id": saved.price_id,
        "status_words": status,
        "what_to_do": WHAT_TO_DO.get(saved.status),
        "ends_on": ends_on,
        "renews_on": long_date(saved.current_period_end),
    }


def plan_choices(catalog: list[PricedProduct], current_price_id: str | None) -> list[dict[str, str]]:
    """Every other recurring price on offer, for the change-plan form."""
    return [
        {"id": price.id, "label": price_label(entry.product.name, price)}
        for entry in catalog
        for price in entry.prices
        if price.id != current_price_id and price.interval
    ]


def device_name(user_agent: str | None) -> str:
    agent = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in agent), None)
    system = next((name for mark, name in SYSTEMS if mark in agent), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or (agent[:60] if agent else "Unknown device")


def _moment(value: datetime) -> str:
    return f"{long_date(value)}, {value:%H:%M} UTC"


def device_views(sessions: list[DeviceSession], current_device_id: str) -> list[dict[str, Any]]:
    """This device first, then the most recently used."""
    ordered = sorted(sessions, key=lambda s: (s.device_id != current_device_id, -s.last_seen_at.timestamp()))
    return [
        {
            "id": s.device_id,
            "name": device_name(s.user_agent),
            "current": s.device_id == current_device_id,
            "last_used": _moment(s.last_seen_at),
            "signed_in": long_date(s.created_at),
        }
        for s in ordered
    ]
