"""The Checkout Session create parameters, exactly as Stripe documents them; both gateways build them here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import CheckoutRequest


def checkout_params(request: CheckoutRequest) -> dict[str, Any]:
    params: dict[str, Any] = {
        "mode": "subscription",
        "line_items": [{"price": request.price_id, "quantity": 1}],
        "success_url": request.success_url,
        "cancel_url": request.cancel_url,
    }
    if request.customer_id:
        params["customer"] = request.customer_id
    elif request.customer_email:
        params["customer_email"] = request.customer_email
    if request.account_id:
        params["client_reference_id"] = request.account_id
        params["subscription_data"] = {"metadata": {"account_id": request.account_id}}
    return params
