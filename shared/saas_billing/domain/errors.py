"""Domain exceptions, each an AppError subclass so the one handler maps it to its status."""

from __future__ import annotations

from saas_billing.infra.exception.errors import BadRequest, NotFound


class PriceNotFound(NotFound):
    default_detail = "Price not found"


class InactivePrice(BadRequest):
    default_detail = "Price is not active"
