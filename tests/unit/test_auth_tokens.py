"""The JWT codec: HS256 only, issuer/audience/expiry checked against the injected clock, kid rotation."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from saas_billing.domain.auth_errors import AccessTokenExpired, InvalidAccessToken
from saas_billing.domain.schemas.auth.tokens import AccessClaims
from saas_billing.domain.schemas.auth.user import Role
from saas_billing.infra.security.service.jwt_codec import JwtTokenCodec, key_id

SECRET = "s" * 64
OLD_SECRET = "o" * 40
NOW = datetime.now(UTC).replace(microsecond=0)  # relative to the day it runs, whole seconds as JWT


def codec(secret=SECRET, previous=None, audience="saas-billing-api"):
    return JwtTokenCodec(secret, issuer="saas-billing", audience=audience, previous_secret=previous)


def claims(minutes=15):
    return AccessClaims("user-1", "device-1", Role.USER, "jti-1", NOW, NOW + timedelta(minutes=minutes))


def segment(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_round_trip_keeps_every_claim():
    token = codec().encode_access(claims())
    assert codec().decode_access(token, NOW + timedelta(minutes=1)) == claims()
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "HS256" and header["kid"] == key_id(SECRET)
    payload = jwt.decode(token, options={"verify_signature": False})
    assert {"iss", "aud", "sub", "exp", "iat", "jti"} <= set(payload)


def test_expiry_follows_the_injected_clock_not_the_wall_clock():
    token = codec().encode_access(claims(minutes=15))
    codec().decode_access(token, NOW + timedelta(minutes=14, seconds=59))
    with pytest.raises(AccessTokenExpired):
        codec().decode_access(token, NOW + timedelta(minutes=15))


def test_tampered_payload_is_rejected():
    header, payload, signature = codec().encode_access(claims()).split(".")
    forged = segment(
        {
            **jwt.decode(f"{header}.{payload}.{signature}", options={"verify_signature": False}),
            "role": "admin",
        }
    )
    with pytest.raises(InvalidAccessToken) as error:
        codec().decode_access(f"{header}.{forged}.{signature}", NOW)
    assert not isinstance(error.value, AccessTokenExpired)


def test_wrong_audience_and_wrong_issuer_are_rejected():
    token = codec(audience="another-api").encode_access(claims())
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(token, NOW)
    other_issuer = JwtTokenCodec(SECRET, issuer="someone-else", audience="saas-billing-api")
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(other_issuer.encode_access(claims()), NOW)


def test_alg_none_is_rejected():
    payload = jwt.decode(codec().encode_access(claims()), options={"verify_signature": False})
    unsigned = f"{segment({'alg': 'none', 'typ': 'JWT', 'kid': key_id(SECRET)})}.{segment(payload)}."
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(unsigned, NOW)


def test_other_algorithms_are_rejected_even_with_the_right_key():
    payload = jwt.decode(codec().encode_access(claims()), options={"verify_signature": False})
    hs512 = jwt.encode(payload, SECRET, algorithm="HS512", headers={"kid": key_id(SECRET)})
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(hs512, NOW)


def test_missing_or_unknown_kid_is_rejected():
    payload = jwt.decode(codec().encode_access(claims()), options={"verify_signature": False})
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(jwt.encode(payload, SECRET, algorithm="HS256"), NOW)
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(codec(secret="u" * 40).encode_access(claims()), NOW)


def test_tokens_signed_with_the_previous_secret_still_verify_during_rotation():
    old_token = codec(secret=OLD_SECRET).encode_access(claims())
    rotated = codec(secret=SECRET, previous=OLD_SECRET)
    assert rotated.decode_access(old_token, NOW).subject == "user-1"
    assert jwt.get_unverified_header(rotated.encode_access(claims()))["kid"] == key_id(SECRET)
    with pytest.raises(InvalidAccessToken):
        codec(secret=SECRET).decode_access(old_token, NOW)  # once the previous secret is dropped


@pytest.mark.parametrize("garbage", ["", "not.a.jwt", "a.b", "x" * 50])
def test_garbage_is_an_invalid_token_not_an_error(garbage):
    with pytest.raises(InvalidAccessToken):
        codec().decode_access(garbage, NOW)
