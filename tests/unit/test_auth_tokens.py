"""The JWT codec: the issuer's RSA keys, alg bound to each kid, issuer/audience/expiry checked against the
injected clock, entitlement claims, rotation through an ordered key set."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from saas_billing.domain.auth_errors import AccessTokenExpired, InvalidAccessToken
from saas_billing.domain.schemas.auth.tokens import AccessClaims, Grants
from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.security.service.jwt_codec import JwtTokenCodec
from saas_billing.infra.security.service.signing_keys import load_signing_keys
from tests.support import signing_keys
from tests.support.signing_keys import keys, pem

NOW = datetime.now(UTC).replace(microsecond=0)  # relative to the day it runs, whole seconds as JWT
GRANTS = Grants(plan="prod_pro", features=("projects.unlimited", "support.priority"), revision=3)


def codec(*names, audience="saas-billing-api", issuer="https://billing.example.com"):
    return JwtTokenCodec(keys(*names), issuer=issuer, audience=audience)


def claims(minutes=15, grants=GRANTS):
    return AccessClaims(
        "user-1", "device-1", Role.USER, "jti-1", NOW, NOW + timedelta(minutes=minutes), grants
    )


def segment(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def unverified(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def test_round_trip_keeps_every_claim_and_names_the_signing_key():
    token = codec().encode_access(claims())
    assert codec().decode_access(token, NOW + timedelta(minutes=1)) == claims()
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"] == keys()[0].kid
    payload = unverified(token)
    assert {"iss", "aud", "sub", "exp", "iat", "jti"} <= set(payload)
    assert payload["plan"] == "prod_pro" and payload["ent_rev"] == 3
    assert payload["features"] == ["projects.unlimited", "support.priority"]
    assert payload["scope"] == "feature:projects.unlimited feature:support.priority"


def test_a_feature_with_whitespace_is_a_feature_claim_but_no_scope():
    """`scope` is space-separated: a lookup key holding whitespace would read as two scopes."""
    features = ("Priority support", "projects:unlimited", "team\u00a0seats")
    grants = Grants(plan="prod_pro", features=features, revision=4)
    token = codec().encode_access(claims(grants=grants))
    payload = unverified(token)
    assert payload["features"] == list(features)
    assert payload["scope"] == "feature:projects:unlimited"
    assert codec().decode_access(token, NOW).grants == grants


def test_a_token_without_grants_has_no_entitlement_claims():
    token = codec().encode_access(claims(grants=None))
    assert not {"plan", "features", "ent_rev", "scope"} & set(unverified(token))
    assert codec().decode_access(token, NOW).grants is None


def test_expiry_follows_the_injected_clock_not_the_wall_clock():
    token = codec().encode_access(claims(minutes=15))
    codec().decode_access(token, NOW + timedelta(minutes=14, seconds=59))
    with pytest.raises(AccessTokenExpired):
        codec().decode_access(token, NOW + timedelta(minutes=15))


def test_tampered_payload_is_rejected():
    header, payload, signature = codec().encode_access(claims()).split(".")
    forged = segment({**unverified(f"{header}.{payload}.{signature}"), "features": ["everything"]})
    with pytest.raises(InvalidAccessToken) as error:
        codec().decode_access(f"{header}.{forged}.{signature}", NOW)
    assert not isinstance(error.value, AccessTokenExpired)


def test_wrong_audience_and_wrong_issuer_are_rejected():
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(codec(audience="another-api").encode_access(claims()), NOW)
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(codec(issuer="https://someone.else").encode_access(claims()), NOW)


def test_a_token_signed_by_another_key_is_rejected_even_under_our_kid():
    stranger = keys("stranger")[0]
    payload = unverified(codec().encode_access(claims()))
    ours = keys()[0].kid
    forged = jwt.encode(payload, stranger.private_key, algorithm="RS256", headers={"kid": ours})
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(forged, NOW)
    with pytest.raises(InvalidAccessToken):  # under its own kid: unknown here
        codec().decode_access(codec("stranger").encode_access(claims()), NOW)


def test_alg_none_is_rejected():
    payload = unverified(codec().encode_access(claims()))
    unsigned = f"{segment({'alg': 'none', 'typ': 'JWT', 'kid': keys()[0].kid})}.{segment(payload)}."
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(unsigned, NOW)


def test_hs256_keyed_with_our_public_key_is_rejected():
    """The classic confusion: a verifier that let the header pick HMAC would accept this forgery."""
    payload = unverified(codec().encode_access(claims()))
    public_pem = keys()[0].public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = segment({"alg": "HS256", "typ": "JWT", "kid": keys()[0].kid})
    signing_input = f"{header}.{segment(payload)}"
    import hashlib
    import hmac

    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    forged = f"{signing_input}.{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(forged, NOW)


def test_missing_kid_is_rejected():
    payload = unverified(codec().encode_access(claims()))
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(jwt.encode(payload, keys()[0].private_key, algorithm="RS256"), NOW)


def test_rotation_keeps_the_retired_kid_valid_until_it_is_removed():
    old_token = codec("retired").encode_access(claims())
    rotated = codec("current", "retired")
    assert rotated.decode_access(old_token, NOW).subject == "user-1"
    assert jwt.get_unverified_header(rotated.encode_access(claims()))["kid"] == keys("current")[0].kid
    assert [key["kid"] for key in rotated.jwks()["keys"]] == [keys("current")[0].kid, keys("retired")[0].kid]
    with pytest.raises(InvalidAccessToken):
        codec("current").decode_access(old_token, NOW)  # once the retired key is removed


def test_the_setting_takes_pem_blocks_or_a_jwk_set_and_es256_keys():
    from jwt.algorithms import ECAlgorithm, RSAAlgorithm

    ec_key = ec.generate_private_key(ec.SECP256R1())
    jwk_set = {
        "keys": [
            ECAlgorithm.to_jwk(ec_key, as_dict=True),
            RSAAlgorithm.to_jwk(keys("retired")[0].private_key, as_dict=True),
        ]
    }
    loaded = load_signing_keys(json.dumps(jwk_set))
    assert [key.algorithm for key in loaded] == ["ES256", "RS256"]
    assert loaded[1].kid == keys("retired")[0].kid  # the kid is the key's thumbprint, whatever its form
    es = JwtTokenCodec(loaded, issuer="i", audience="a")
    token = es.encode_access(claims())
    assert jwt.get_unverified_header(token)["alg"] == "ES256"
    assert es.decode_access(token, NOW).grants == GRANTS
    assert es.algorithms == ["ES256", "RS256"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not a key",
        '{"kty": "oct", "k": "c2VjcmV0"}',
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----",
    ],
)
def test_an_unusable_setting_is_a_settings_error_that_shows_no_key(text):
    with pytest.raises(SettingsError) as error:
        load_signing_keys(text)
    assert "AAAA" not in str(error.value) and "c2VjcmV0" not in str(error.value)


def test_the_same_key_twice_is_refused():
    with pytest.raises(SettingsError, match="twice"):
        load_signing_keys(pem() + pem())


def test_the_published_keys_are_public_only():
    document = codec("current", "retired").jwks()
    for jwk in document["keys"]:
        assert set(jwk) == {"kty", "n", "e", "kid", "use", "alg"}
        assert jwk["use"] == "sig" and jwk["alg"] == "RS256"
    assert signing_keys.pem() not in json.dumps(document)


@pytest.mark.parametrize("garbage", ["", "not.a.jwt", "a.b", "x" * 50])
def test_garbage_is_an_invalid_token_not_an_error(garbage):
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(garbage, NOW)


@pytest.mark.parametrize(
    "value",
    ["SIGNED_IN_USER_TOKEN", "sk_test_123", "a.b.c", segment({"alg": "HS256", "kid": "k"}) + ".e30.x"],
)
def test_a_value_not_shaped_like_our_tokens_is_refused_without_building_the_codec(value):
    from saas_billing.infra.security.service.lazy_token_codec import LazyTokenCodec

    built = []
    lazy = LazyTokenCodec(lambda: built.append(1) or codec())
    with pytest.raises(InvalidAccessToken):
        lazy.decode_access(value, NOW)
    assert built == []
    assert lazy.decode_access(codec().encode_access(claims()), NOW) == claims()  # ours: built, checked
    assert built == [1]
