"""Stripe's idempotency rule for the in-memory gateway: same key and parameters, same result."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from saas_billing.infra.exception.errors import Conflict

if TYPE_CHECKING:
    from saas_billing.infra.external_api.service.in_memory.state import InMemoryStripeState


def idempotent_create(
    state: InMemoryStripeState, key: str, params: dict[str, Any], create: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """Runs `create` once per key; a reused key with other parameters fails as the Stripe adapter reports
    Stripe's idempotency_error: a 409."""
    with state.lock:
        stored = state.idempotent_results.get(key)
        if stored is not None:
            first_params, result = stored
            if first_params != params:
                raise Conflict("Keys for idempotent requests must be reused with the same parameters")
            return copy.deepcopy(result)
        result = create()
        state.idempotent_results[key] = (copy.deepcopy(params), copy.deepcopy(result))
        return result
