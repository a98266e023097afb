"""Application settings: env and `.env` locally, SSM Parameter Store under a path when deployed (sources.py)."""

from __future__ import annotations

import os
from contextvars import ContextVar
from enum import StrEnum
from typing import Any
from urllib.parse import quote_plus, urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationInfo, field_validator

from saas_billing.infra.mixins.client_input import web_origin
from saas_billing.infra.settings import env_names
from saas_billing.infra.settings.function_settings import settings_for
from saas_billing.infra.settings.sources import settings_values
from saas_billing.infra.settings.ssm_source import current_function

# Set by the loader so an explicit argument can override SETTINGS_SSM_PATH for one load.
ssm_path_override: ContextVar[str | None] = ContextVar("ssm_path_override", default=None)

# Documented for `make dev`, so anyone could sign webhooks with it: never valid in a deployed stage.
PUBLIC_LOCAL_WEBHOOK_SECRET = "whsec_local_development_secret"
REQUIRED_WHEN_DEPLOYED = ("stripe_api_key", "stripe_webhook_secret", "mongodb_uri")


class Stage(StrEnum):
    LOCAL = "local"
    DEV = "dev"
    PROD = "prod"


class AppSettings(BaseModel):
    """Every setting has a safe default except the three secrets a deployed stage must provide.

    A plain pydantic model filled from sources.py: pydantic-settings would cost every cold start ~12 ms
    of imports (all its providers) for three sources this needs.
    """

    # Unknown keys are ignored: a retired setting left in `.env` or under the stage's SSM path starts fine.
    model_config = ConfigDict(extra="ignore", validate_default=True)

    def __init__(self, **values: Any) -> None:
        """Explicit values win over the environment, then SSM (deployed), then `.env` (locally)."""
        path = ssm_path_override.get() or os.environ.get(env_names.SETTINGS_SSM_PATH)
        function = current_function()
        names = settings_for(function).names if function else None
        super().__init__(**{**settings_values(type(self).model_fields, path, names), **values})

    app_name: str = "saas-billing"
    app_stage: Stage = Stage.LOCAL
    log_level: str = "INFO"

    stripe_api_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_api_base: str | None = None
    stripe_max_network_retries: int = 1
    stripe_timeout_seconds: float = 4.0

    mongodb_uri: SecretStr | None = None
    mongodb_host: str | None = None
    mongodb_port: int = 27017
    mongodb_username: str | None = None
    mongodb_password: SecretStr | None = None
    mongodb_database: str = "saas_billing"
    mongodb_timeout_ms: int = 2500

    # PEM private keys one after another, or a JWK Set: the first signs access tokens, the rest are
    # retired keys still accepted (and published) until removed. Locally `make dev` keeps one in .local.
    jwt_signing_keys: SecretStr | None = None
    # Tokens name the public base URL as their issuer (what OIDC discovery and JWT authorizers expect);
    # this is the issuer only where no public_base_url is set.
    jwt_issuer: str = "saas-billing"
    jwt_audience: str = "saas-billing-api"
    access_token_ttl_minutes: int = 15
    refresh_token_ttl_days: int = 30
    # A rotated refresh token replayed within this window by a parallel browser request is tolerated once.
    refresh_reuse_grace_seconds: int = Field(default=10, ge=0, le=60)
    # Refreshing slides a session's expiry, but never past this long after signing in.
    session_max_lifetime_days: int = Field(default=90, ge=1)
    password_min_length: int = Field(default=10, ge=8, le=128)
    # argon2id cost, argon2-cffi's defaults (RFC 9106 low-memory); a change re-hashes at next login.
    password_hash_time_cost: int = Field(default=3, ge=1)
    password_hash_memory_kib: int = Field(default=65536, ge=8192)
    password_hash_parallelism: int = Field(default=4, ge=1)
    # Failed logins are counted per email and per client IP over a sliding window.
    login_failure_window_minutes: int = Field(default=15, ge=1)
    login_max_failures_per_email: int = Field(default=5, ge=1)
    login_max_failures_per_ip: int = Field(default=30, ge=1)

    # Account mail: the SES-verified sender (from the template's MailFrom), the product name it carries,
    # and how many mails of one kind an address may be sent per login_failure_window_minutes.
    mail_from: str | None = None
    product_name: str = "Billing"
    mail_max_per_email: int = Field(default=3, ge=1)
    # Failed sign-ins per email from all addresses before each further one waits (doubling, capped).
    login_slow_after_failures_per_account: int = Field(default=20, ge=1)
    login_max_delay_seconds: float = Field(default=2.0, ge=0, le=20)
    # Requests one service API key may make per minute (fixed windows): past it, 429 with Retry-After.
    api_key_max_requests_per_minute: int = Field(default=600, ge=1)

    catalog_cache_ttl_seconds: int = 300
    # The API's public address when a custom domain fronts it; URLs handed to Stripe start with it.
    public_base_url: str | None = None

    @field_validator("stripe_api_base")
    @classmethod
    def _strip_base(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else None

    @field_validator("public_base_url")
    @classmethod
    def _check_public_base_url(cls, value: str | None, info: ValidationInfo) -> str | None:
        """An absolute URL without query or fragment; https in every deployed stage."""
        if not value:
            return None
        value = value.strip().rstrip("/")
        parts = urlsplit(value)
        local = info.data.get("app_stage", Stage.LOCAL) is Stage.LOCAL
        if parts.scheme not in (("http", "https") if local else ("https",)) or not web_origin(value):
            raise ValueError("must be an absolute https URL, e.g. https://billing.example.com")
        if parts.query or parts.fragment:
            raise ValueError("must not have a query or a fragment")
        return value

    @property
    def token_issuer(self) -> str:
        """`public_base_url` when set (the address whose /.well-known documents verifiers fetch)."""
        return self.public_base_url or self.jwt_issuer

    @property
    def is_local(self) -> bool:
        return self.app_stage is Stage.LOCAL

    @property
    def secure_cookies(self) -> bool:
        """Plain-http `make dev` needs non-Secure cookies; every deployed stage is https."""
        return not self.is_local

    @property
    def mongo_connection_uri(self) -> str | None:
        """The original app's MONGODB_HOST/PORT/USERNAME/PASSWORD still work when no URI is given."""
        if self.mongodb_uri:
            return self.mongodb_uri.get_secret_value()
        if not self.mongodb_host:
            return None
        credentials = ""
        if self.mongodb_username:
            password = self.mongodb_password.get_secret_value() if self.mongodb_password else ""
            credentials = f"{quote_plus(self.mongodb_username)}:{quote_plus(password)}@"
        return f"mongodb://{credentials}{self.mongodb_host}:{self.mongodb_port}/"

    @property
    def webhook_secrets(self) -> list[str]:
        """Several comma-separated secrets let a webhook secret rotate without downtime."""
        if not self.stripe_webhook_secret:
            return []
        raw = self.stripe_webhook_secret.get_secret_value()
        return [part.strip() for part in raw.split(",") if part.strip()]

    def missing_required(self, required: tuple[str, ...] = REQUIRED_WHEN_DEPLOYED) -> list[str]:
        """`required`: a function's own list (function_settings.py); the default is every secret."""
        if self.is_local:
            return []
        present = {
            "stripe_api_key": self.stripe_api_key,
            "stripe_webhook_secret": self.webhook_secrets,  # "," is set, yet lists no secret
            "mongodb_uri": self.mongo_connection_uri,
        }
        return [name for name in required if not present[name]]

    def unsafe_values(self) -> list[str]:
        """Placeholders that are fine on a laptop and dangerous in a deployed stage."""
        if self.is_local:
            return []
        # Only a deployed stage checks secrets: the local stage never compiles the pattern checks' regexes.
        from saas_billing.infra.settings.secret_strength import webhook_secret_problems

        problems = []
        if PUBLIC_LOCAL_WEBHOOK_SECRET in self.webhook_secrets:
            problems.append("stripe_webhook_secret is the public local default; use the secret Stripe shows")
        elif self.stripe_webhook_secret:
            problems += webhook_secret_problems("stripe_webhook_secret", self.webhook_secrets)
        key = self.stripe_api_key.get_secret_value() if self.stripe_api_key else ""
        if key and not key.startswith(("sk_", "rk_")):
            problems.append("stripe_api_key must be a Stripe secret or restricted key (sk_ or rk_)")
        if self.app_stage is Stage.PROD and key.startswith(("sk_test_", "rk_test_")):
            problems.append("stripe_api_key is a test-mode key in the prod stage")
        return problems
