"""What our token issuer publishes for services that verify its access tokens without calling us:
OpenID Connect discovery metadata and the JWK Set of its public keys."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

ISSUER = "https://billing.example.com"
KID = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


class OpenIdConfigurationPublic(BaseModel):
    """OpenID Connect Discovery 1.0 provider metadata, the members a JWT verifier reads."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "issuer": ISSUER,
                    "jwks_uri": f"{ISSUER}/.well-known/jwks.json",
                    "token_endpoint": f"{ISSUER}/v1/auth/login",
                    "response_types_supported": ["token"],
                    "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "token_endpoint_auth_methods_supported": ["none"],
                    "claims_supported": [
                        "sub",
                        "iss",
                        "aud",
                        "exp",
                        "iat",
                        "plan",
                        "features",
                        "ent_rev",
                        "scope",
                    ],
                }
            ]
        }
    )

    issuer: str = Field(description="Equals the `iss` of every access token")
    jwks_uri: str = Field(description="The public keys (`/.well-known/jwks.json`)")
    token_endpoint: str = Field(
        description="Where an API client gets tokens: `POST /v1/auth/login` (JSON email and password), "
        "not an OAuth 2.0 grant; browsers sign in at /v1/auth/signin"
    )
    response_types_supported: list[str]
    subject_types_supported: list[str]
    id_token_signing_alg_values_supported: list[str]
    token_endpoint_auth_methods_supported: list[str]
    claims_supported: list[str] = Field(
        description="`scope` holds one `feature:<lookup key>` per feature, for authorizers' scope checks"
    )


class JwkPublic(BaseModel):
    model_config = ConfigDict(extra="allow")

    kty: str = Field(description="`RSA` (or `EC` for an ES256 key)")
    kid: str = Field(description="The key's RFC 7638 thumbprint, named by each token's header")
    use: str = Field(description="`sig`")
    alg: str = Field(description="`RS256` (or `ES256`)")


class JwksPublic(BaseModel):
    """A JWK Set (RFC 7517): the signing key first, then retired keys still valid; public members only."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "keys": [
                        {"kty": "RSA", "kid": KID, "use": "sig", "alg": "RS256", "e": "AQAB", "n": "0vx7ag"}
                    ]
                }
            ]
        }
    )

    keys: list[JwkPublic]
