"""Checkout part of the in-memory gateway, plus `complete_checkout`: what paying on Stripe's page does."""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import CheckoutSessionNotFound, CustomerNotFound, PriceNotFound
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.infra.external_api.interface.checkout_gateway import CheckoutGateway
from saas_billing.infra.external_api.service.billing_shapes import to_checkout_result
from saas_billing.infra.external_api.service.checkout_params import checkout_params
from saas_billing.infra.external_api.service.in_memory.customers import add_customer
from saas_billing.infra.external_api.service.in_memory.idempotency import idempotent_create
from saas_billing.infra.external_api.service.in_memory.invoices import add_invoice
from saas_billing.infra.external_api.service.in_memory.portal import LOCAL_PAGES, origin
from saas_billing.infra.external_api.service.in_memory.subscriptions import add_subscription

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import (
        CheckoutRequest,
        CheckoutResult,
        CheckoutSession,
        ClosedCheckout,
    )
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


class InMemoryCheckout(CheckoutGateway):
    state: InMemoryStripeState

    def create_checkout_session(self, request: CheckoutRequest) -> CheckoutSession:
        params = checkout_params(request)
        session = idempotent_create(self.state, request.idempotency_key, params, lambda: self._open(params))
        # Imported on use, like every schema of the stand-in: a catalog read loads none of checkout's.
        from saas_billing.domain.schemas.billing.checkout import CheckoutSession

        return CheckoutSession(id=session["id"], url=session["url"], expires_at=session["expires_at"])

    def expire_checkout_session(self, session_id: str) -> ClosedCheckout:
        with self.state.lock:
            session = self.state.checkout_sessions.get(session_id)
            if session is None:
                raise CheckoutSessionNotFound()
            if session["status"] == "open":
                session["status"] = "expired"
                self.state.record_event("checkout.session.expired", session)
            from saas_billing.domain.schemas.billing.checkout import ClosedCheckout

            return ClosedCheckout(status=session["status"], subscription_id=session["subscription"])

    def _open(self, params: dict[str, Any]) -> dict[str, Any]:
        price_id = params["line_items"][0]["price"]
        price = self.state.prices.get(price_id)
        if price is None:
            raise PriceNotFound(f"No such price: '{price_id}'")
        if not price["active"]:  # Stripe's answer: a 400 invalid_request_error on line_items[0][price]
            raise BadRequest("The price specified is inactive. This field only accepts active prices.")
        if params.get("customer") and params["customer"] not in self.state.customers:
            raise CustomerNotFound(f"No such customer: '{params['customer']}'")
        session_id = self.state.new_id("cs_test")
        now = int(time.time())
        session = {
            "id": session_id,
            "object": "checkout.session",
            "mode": params["mode"],
            "status": "open",
            "payment_status": "unpaid",
            # Stripe's hosted page, played locally by the dev server (never in a deployed stage).
            "url": f"{origin(params['success_url'])}{LOCAL_PAGES}/checkout/{session_id}",
            "success_url": params["success_url"],
            "cancel_url": params["cancel_url"],
            "customer": params.get("customer"),
            "customer_email": params.get("customer_email"),
            "customer_details": None,
            "client_reference_id": params.get("client_reference_id"),
            "subscription": None,
            "line_items": {"object": "list", "data": [{"price": copy.deepcopy(price), "quantity": 1}]},
            "metadata": {},
            "subscription_data": copy.deepcopy(params.get("subscription_data") or {}),
            "created": now,
            "expires_at": now + 24 * 3600,
            "livemode": False,
        }
        self.state.checkout_sessions[session_id] = session
        return session

    def retrieve_checkout_session(self, session_id: str, observed_at: float) -> CheckoutResult:
        """Expanded as the Stripe adapter asks (CHECKOUT_SESSION_EXPAND)."""
        with self.state.lock:
            session = self.state.checkout_sessions.get(session_id)
            if session is None:
                raise CheckoutSessionNotFound()
            expanded = copy.deepcopy(session)
            if expanded["subscription"]:
                expanded["subscription"] = copy.deepcopy(self.state.subscriptions[expanded["subscription"]])
            if expanded["customer"] in self.state.customers:
                expanded["customer"] = copy.deepcopy(self.state.customers[expanded["customer"]])
            for item in expanded["line_items"]["data"]:  # line_items.data.price.product
                item["price"]["product"] = copy.deepcopy(self.state.products[item["price"]["product"]])
        return to_checkout_result(expanded, observed_at)

    def complete_checkout(self, session_id: str, email: str | None = None) -> dict[str, Any]:
        """Pays an open session: customer (if needed), subscription, its paid first invoice, then the events
        Stripe sends.

        Returns the `checkout.session.completed` event; paying twice returns the same event.
        """
        with self.state.lock:
            session = self.state.checkout_sessions.get(session_id)
            if session is None:
                raise CheckoutSessionNotFound()
            if session["status"] == "complete":
                return next(
                    e
                    for e in reversed(self.state.events)
                    if e["type"] == "checkout.session.completed" and e["data"]["object"]["id"] == session_id
                )
            if session["status"] != "open":
                raise BadRequest(f"Checkout session '{session_id}' is {session['status']}")
            email = email or session["customer_email"]
            customer = self.state.customers.get(session["customer"] or "")
            if customer is None:
                customer = add_customer(self.state, None, email)
            price = session["line_items"]["data"][0]["price"]
            metadata = session["subscription_data"].get("metadata") or {}
            trial_days = session["subscription_data"].get("trial_period_days")
            subscription = add_subscription(self.state, customer["id"], price, metadata, trial_days)
            add_invoice(self.state, subscription, paid=True, billing_reason="subscription_create")
            session.update(
                status="complete",
                payment_status="paid",
                customer=customer["id"],
                subscription=subscription["id"],
                customer_details={"email": customer["email"], "name": customer["name"]},
            )
            return self.state.record_event("checkout.session.completed", session)
