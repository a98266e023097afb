"""Which SSM parameters each function reads: its role may read exactly these, and nothing else.

A function group (the folder under functions/, set per function as SETTINGS_FUNCTION by template.yaml)
requires the secrets it cannot run without and may read a few optional ones. Everything else keeps its
default or comes from the function's environment. tests/test_template_matches_code.py holds template.yaml's
per-function IAM to this table, so a setting cannot be added to one and forgotten in the other.
"""

from __future__ import annotations

from dataclasses import dataclass

# GetParameters takes at most 10 names: one call per cold start needs each group to stay within that.
MAX_NAMES_PER_CALL = 10

_STRIPE = ("stripe_api_base",)
_MONGO = ("mongodb_database",)
_JWT = ("jwt_signing_keys",)


@dataclass(frozen=True)
class FunctionSettings:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


FUNCTION_SETTINGS: dict[str, FunctionSettings] = {
    "catalog": FunctionSettings(("stripe_api_key",), _STRIPE),
    "checkout": FunctionSettings(("stripe_api_key", "mongodb_uri"), _STRIPE + _MONGO + _JWT),
    "subscriptions": FunctionSettings(("stripe_api_key", "mongodb_uri"), _STRIPE + _MONGO + _JWT),
    # Admin routes re-read the caller's role from the account, hence MongoDB.
    "customers": FunctionSettings(("stripe_api_key", "mongodb_uri"), _STRIPE + _MONGO + _JWT),
    "auth": FunctionSettings(("mongodb_uri",), _MONGO + _JWT),
    "webhooks": FunctionSettings(
        ("stripe_webhook_secret", "stripe_api_key", "mongodb_uri"), _STRIPE + _MONGO
    ),
    "reconcile": FunctionSettings(("stripe_api_key", "mongodb_uri"), _STRIPE + _MONGO),
}


def settings_for(function: str) -> FunctionSettings:
    try:
        return FUNCTION_SETTINGS[function]
    except KeyError:
        raise KeyError(f"no settings declared for function group '{function}'") from None


def every_parameter_name() -> set[str]:
    """Every name any function reads from SSM (what `make ssm-put` is worth putting)."""
    return {name for needs in FUNCTION_SETTINGS.values() for name in needs.names}
