"""One token codec and one password hasher per container; jwt and argon2 load only when first used."""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.snapstart.hooks import after_restore

if TYPE_CHECKING:
    from saas_billing.infra.security.interface.password_hasher import PasswordHasher
    from saas_billing.infra.security.interface.token_codec import TokenCodec
    from saas_billing.infra.settings.app_settings import AppSettings

logger = logging.getLogger(__name__)
_codec: TokenCodec | None = None
_hasher: PasswordHasher | None = None
_ephemeral_secret: str | None = None


def get_token_codec(settings: AppSettings) -> TokenCodec:
    global _codec
    if _codec is None:
        from saas_billing.infra.security.service.jwt_codec import JwtTokenCodec

        previous = settings.jwt_previous_secret
        _codec = JwtTokenCodec(
            _jwt_secret(settings),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            previous_secret=previous.get_secret_value() if previous else None,
        )
    return _codec


def get_password_hasher(settings: AppSettings) -> PasswordHasher:
    global _hasher
    if _hasher is None:
        from saas_billing.infra.security.service.argon2_hasher import Argon2PasswordHasher

        _hasher = Argon2PasswordHasher.with_cost(
            time_cost=settings.password_hash_time_cost,
            memory_kib=settings.password_hash_memory_kib,
            parallelism=settings.password_hash_parallelism,
        )
    return _hasher


def _jwt_secret(settings: AppSettings) -> str:
    global _ephemeral_secret
    if settings.jwt_secret:
        return settings.jwt_secret.get_secret_value()
    if not settings.is_local:
        raise SettingsError("jwt_secret is required outside the local stage")
    if _ephemeral_secret is None:
        _ephemeral_secret = secrets.token_urlsafe(48)
        logger.warning("no jwt_secret set: signing tokens with a per-process random secret (ephemeral)")
    return _ephemeral_secret


@after_restore
def _forget_unique_state() -> None:
    """A restored snapshot must not share the generated local secret or the hasher's random dummy hash
    with every other environment: both are made again on first use."""
    global _codec, _hasher, _ephemeral_secret
    _codec, _hasher, _ephemeral_secret = None, None, None


def set_security_services(codec: TokenCodec | None = None, hasher: PasswordHasher | None = None) -> None:
    """Tests install services here; None drops the cached ones (the ephemeral secret survives)."""
    global _codec, _hasher
    _codec, _hasher = codec, hasher
