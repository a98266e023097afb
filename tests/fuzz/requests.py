"""Hypothesis strategies for one request to one OpenAPI operation: its documented parameters and body
drawn from their schemas, mixed with what an attacker sends instead (hostile strings, deep JSON, raw
bytes, malformed Origin, Host, cookies and signatures)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from hypothesis import strategies as st

from saas_billing.infra.settings.webhook_secrets import LOCAL_WEBHOOK_SECRET
from tests.fuzz.schema_values import schema_values

HOSTILE = [
    "", " ", "\x00", "..", "%00", "%2F", "http://[", "https://a]b", "//evil.example", "/\\evil", "\u00b2",
    "💥", "a" * 300, "' OR 1=1", '{"$ne": null}', "$where", "-1", "0", "1e309", "NaN", "null", "true",
    "sub_1", "cus_1", "cs_test_1", "price_pro_monthly", "price_starter_yearly", "/pricing", "all", "mine",
]  # fmt: skip
# Python's json reads these (JSON does not), and no JSON answer can echo them back.
NON_FINITE = ['{"customer_id": NaN}', '{"name": 1e400, "email": NaN}', "-Infinity", '[{"a": [Infinity]}]']
DEEP = ["[" * 100_000, '{"a":' * 50_000, "[" * 999 + "]" * 999, '"\\ud800"', "{", "\xff\xfe"]
FIELDS = ["email", "password", "price_id", "request_token", "next", "refresh_token", "customer_id", "name"]
CONTENT_TYPES = [
    "application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
    "multipart/form-data", "text/plain", "application/problem+json", "application/json; charset=latin-1",
]  # fmt: skip
ORIGINS = [
    "http://testserver", "https://testserver", "https://evil.example", "null", "http://[", "https://a]b",
    "http://testserver:99999", "http://user@testserver", "javascript:alert(1)",
]  # fmt: skip

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))
header_text = st.one_of(
    st.sampled_from([h for h in HOSTILE if h.isprintable() and h.isascii() and h.strip() == h]),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=30),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)
known_fields = st.fixed_dictionaries({}, optional={name: st.one_of(text, json_values) for name in FIELDS})


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None

    def __str__(self) -> str:
        return (
            f"{self.method} {self.path}?{urlencode(self.query)} {self.headers} {(self.body or b'')[:120]!r}"
        )


def parameter_values(parameter: dict[str, Any], components: dict[str, Any]) -> st.SearchStrategy[str]:
    documented = schema_values(parameter.get("schema", {}), components).filter(lambda v: v is not None)
    as_text = documented.map(lambda v: json.dumps(v) if isinstance(v, bool) else str(v))
    if parameter["in"] == "header":  # HTTP carries latin-1 header bytes
        return st.one_of(as_text.map(lambda v: v.encode("latin-1", "replace").decode("latin-1")), header_text)
    return st.one_of(as_text, text)


def encode(value: Any, content_type: str | None) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str) and value in DEEP + NON_FINITE:
        return value.encode("utf-8", "surrogatepass")
    if content_type and "form" in content_type and isinstance(value, dict):
        return urlencode({str(k): str(v) for k, v in value.items()}).encode()
    return json.dumps(value).encode()


def body_values(operation: dict[str, Any], components: dict[str, Any]) -> st.SearchStrategy[Any]:
    options = [known_fields, json_values, st.sampled_from(DEEP + NON_FINITE), st.binary(max_size=40)]
    content = (operation.get("requestBody") or {}).get("content", {})
    if "application/json" in content:
        options.insert(0, schema_values(content["application/json"]["schema"], components))
    return st.one_of(options)


def signed(body: bytes) -> str:
    """A Stripe-Signature over the body with make dev's public local secret."""
    timestamp = int(time.time())
    mac = hmac.new(LOCAL_WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


@st.composite
def calls(draw, path: str, method: str, operation: dict[str, Any], components: dict[str, Any]) -> Call:
    call = Call(method.upper(), path)
    for parameter in operation.get("parameters", []):
        if not (parameter.get("required") or draw(st.booleans())):
            continue
        value = draw(parameter_values(parameter, components))
        if parameter["in"] == "path":
            call.path = call.path.replace("{" + parameter["name"] + "}", quote(value or "x", safe=""))
        elif parameter["in"] == "query":
            call.query[parameter["name"]] = value
        elif parameter["in"] == "header":
            call.headers[parameter["name"]] = value
    if draw(st.booleans()):
        call.query[draw(st.sampled_from(["next", "session_id", "scope", "limit"]))] = draw(text)
    optional_headers = {
        "origin": st.one_of(st.sampled_from(ORIGINS), header_text),
        "host": st.sampled_from(["evil.example", "a:b:c", "testserver:x", "[::1]"]),
        "x-forwarded-for": header_text,
        "x-forwarded-proto": st.sampled_from(["https", "gopher", "http, https"]),
        "x-forwarded-host": st.just("evil.example"),
        "accept": st.sampled_from(["application/json", "text/html", "*/*"]),
        "stripe-signature": st.one_of(
            st.sampled_from(["t=\u00b2,v1=a", "t=1,v1=", "v1=a", ",,="]), header_text
        ),
        "authorization": st.one_of(
            st.sampled_from(["Bearer ", "Bearer a.b.c", "Bearer " + "a" * 5000, "Basic Og==", "bearer"]),
            header_text,
        ),
        "cookie": st.one_of(
            st.sampled_from(["access_token=x; device_id=y; refresh_token=z", "=;;="]), header_text
        ),
    }
    call.headers.update(draw(st.fixed_dictionaries({}, optional=optional_headers)))
    if method.upper() in ("POST", "DELETE") and draw(st.integers(0, 4)):
        content_type = draw(st.one_of(st.none(), st.sampled_from(CONTENT_TYPES)))
        call.body = encode(draw(body_values(operation, components)), content_type)
        if content_type:
            call.headers["content-type"] = content_type
        if path.startswith("/v1/webhooks") and draw(st.booleans()):
            call.headers["stripe-signature"] = signed(call.body)
    return call


def attacks(path: str, method: str) -> list[Call]:
    """Always tried first, whatever the random draw: each one was a 500 found by the attack review."""
    path = re.sub(r"\{[^}]+\}", quote("http://[", safe=""), path)
    found = [
        Call(method.upper(), path, headers={"origin": origin})
        for origin in ("http://[", "https://a]b", "null")
    ]
    found += [Call(method.upper(), path, headers={"host": "a:b:c"}, query={"next": "//[", "limit": "\u00b2"})]
    if method.upper() in ("POST", "DELETE"):
        json_type = {"content-type": "application/json"}
        found += [
            Call(method.upper(), path, headers=json_type, body=DEEP[0].encode()),
            Call(method.upper(), path, headers={"content-type": "text/plain"}, body=b"\x80"),
            Call(method.upper(), path, body=b"\x80"),
            Call(method.upper(), path, headers={**json_type, "stripe-signature": "t=\u00b2,v1=a"}, body=b"{}"),
            Call(method.upper(), path, headers={**json_type, "stripe-signature": signed(DEEP[0].encode())},
                 body=DEEP[0].encode()),
        ]  # fmt: skip
        for body in (raw.encode() for raw in NON_FINITE):
            found += [
                Call(method.upper(), path, headers=json_type, body=body),
                Call(
                    method.upper(), path, headers={**json_type, "stripe-signature": signed(body)}, body=body
                ),
            ]
    return found
