"""One token codec and one password hasher per container; jwt, cryptography and argon2 load only when
first used (a request that carries no token never pays for them)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.snapstart.hooks import after_restore

if TYPE_CHECKING:
    from saas_billing.infra.security.interface.password_hasher import PasswordHasher
    from saas_billing.infra.security.interface.token_codec import TokenCodec
    from saas_billing.infra.settings.app_settings import AppSettings

logger = logging.getLogger(__name__)
_codec: TokenCodec | None = None
_hasher: PasswordHasher | None = None
_ephemeral_key: str | None = None


def get_token_codec(settings: AppSettings) -> TokenCodec:
    """Built when first needed (LazyTokenCodec): authenticating a request that holds no token of ours
    imports neither jwt nor cryptography."""
    global _codec
    if _codec is None:
        from saas_billing.infra.security.service.lazy_token_codec import LazyTokenCodec

        _codec = LazyTokenCodec(lambda: _jwt_codec(settings))
    return _codec


def _jwt_codec(settings: AppSettings) -> TokenCodec:
    from saas_billing.infra.security.service.jwt_codec import JwtTokenCodec
    from saas_billing.infra.security.service.signing_keys import load_signing_keys

    keys = load_signing_keys(_signing_keys_text(settings))
    return JwtTokenCodec(keys, issuer=settings.token_issuer, audience=settings.jwt_audience)


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


def _signing_keys_text(settings: AppSettings) -> str:
    global _ephemeral_key
    if settings.jwt_signing_keys:
        return settings.jwt_signing_keys.get_secret_value()
    if not settings.is_local:
        # A clear 503 rather than a bare 500 on every sign-in; the operator reads the setting's name in the log.
        logger.error("jwt_signing_keys is not set: tokens can be neither signed nor checked on this stage")
        raise ServiceUnavailable("Sign-in is unavailable: this stage has no token signing keys configured")
    if _ephemeral_key is None:
        from saas_billing.infra.security.service.signing_keys import generate_signing_key_pem

        _ephemeral_key = generate_signing_key_pem()
        logger.warning("no jwt_signing_keys set: signing tokens with a per-process generated key (ephemeral)")
    return _ephemeral_key


@after_restore
def _forget_unique_state() -> None:
    """A restored snapshot must not share the generated local signing key or the hasher's random dummy
    hash with every other environment: both are made again on first use."""
    global _codec, _hasher, _ephemeral_key
    _codec, _hasher, _ephemeral_key = None, None, None


def set_security_services(codec: TokenCodec | None = None, hasher: PasswordHasher | None = None) -> None:
    """Tests install services here; None drops the cached ones (the ephemeral key survives)."""
    global _codec, _hasher
    _codec, _hasher = codec, hasher
