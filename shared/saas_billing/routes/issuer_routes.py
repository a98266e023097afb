"""The auth function's issuer documents: OIDC discovery and the JWK Set, for services (an API Gateway
JWT authorizer, a backend with PyJWT) that verify our access tokens without calling us.

Both are public and cacheable: a verifier (API Gateway caches keys for up to two hours) keeps a rotated
key's kid working through the retired keys the set still lists. They import `cryptography` (through the
codec) on first use, like any request that checks a token.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from saas_billing.infra.exception.errors import AppError
from saas_billing.infra.fastapi_config.openapi_declarations import errors
from saas_billing.infra.security.service.security_factory import get_token_codec
from saas_billing.models.schemas.auth.issuer_public import JwksPublic, OpenIdConfigurationPublic
from saas_billing.routes.depends.request_dep import PublicBaseUrl
from saas_billing.routes.depends.settings_dep import SettingsDep

router = APIRouter(prefix="/.well-known", tags=["auth"])
JWKS_PATH = "/.well-known/jwks.json"
# Short enough that a new signing key is fetched well before it signs (see README, key rotation).
CACHE = {"Cache-Control": "public, max-age=300"}
CLAIMS = ["iss", "aud", "sub", "exp", "iat", "jti", "sid", "role", "plan", "features", "ent_rev", "scope"]


@router.get("/openid-configuration", response_model=OpenIdConfigurationPublic, responses=errors(AppError))
async def get_openid_configuration(base_url: PublicBaseUrl, settings: SettingsDep) -> JSONResponse:
    """OpenID Connect discovery: our issuer, where its keys are and how tokens are signed."""
    document = OpenIdConfigurationPublic(
        issuer=settings.token_issuer,
        jwks_uri=f"{base_url}{JWKS_PATH}",
        token_endpoint=f"{base_url}/v1/auth/login",
        response_types_supported=["token"],
        subject_types_supported=["public"],
        id_token_signing_alg_values_supported=get_token_codec(settings).algorithms,
        token_endpoint_auth_methods_supported=["none"],
        claims_supported=CLAIMS,
    )
    return JSONResponse(document.model_dump(), headers=CACHE)


@router.get("/jwks.json", response_model=JwksPublic, responses=errors(AppError))
async def get_jwks(settings: SettingsDep) -> JSONResponse:
    """The public keys that verify our access tokens: the signing key first, then retired ones."""
    return JSONResponse(get_token_codec(settings).jwks(), headers=CACHE)
