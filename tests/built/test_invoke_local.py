"""Every built function answers its events in a clean interpreter, in the offline local stage."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scripts.invoke_built import BuiltFunction, built_root
from scripts.template_model import FunctionSpec, functions
from tests.support.lambda_events import EVENTS_DIR

pytestmark = pytest.mark.built


def demo_catalog(status: int, body: Any) -> None:
    assert status == 200
    assert {product["name"] for product in body["data"]} == {"Starter", "Pro"}


# Exact expectations where an event has one; every other event must answer < 500 with JSON or HTML
# (or the favicon's SVG).
EXPECTED: dict[str, Callable[[int, Any], None]] = {"catalog/list_products.json": demo_catalog}


def events_of(spec: FunctionSpec) -> list[Path]:
    """A function's events live in events/<group>/, group being its CodeUri folder name."""
    return sorted((EVENTS_DIR / spec.group).glob("*.json"))


def decoded_body(response: dict[str, Any]) -> Any:
    raw = response.get("body") or ""
    text = base64.b64decode(raw).decode() if response.get("isBase64Encoded") else raw
    if response["statusCode"] == 204 or 300 <= response["statusCode"] < 400:
        assert text == "" or response["statusCode"] != 204
        return text
    content_type = {k.lower(): v for k, v in (response.get("headers") or {}).items()}.get("content-type", "")
    if content_type.startswith("application/json"):
        return json.loads(text)
    if content_type == "image/svg+xml":  # the favicon, shipped with the shared layer
        assert text.startswith("<svg")
        return text
    assert content_type.startswith("text/html"), f"unexpected content-type {content_type!r}"
    assert "<html" in text.lower()
    return text


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_every_event_of_a_built_function_is_answered(spec, mongo_uri):
    events = events_of(spec)
    assert events, f"{spec.logical_id} needs at least one event in events/{spec.group}/"
    env = {"APP_STAGE": "local", "MONGODB_URI": mongo_uri}
    with BuiltFunction(built_root(spec.logical_id), env, timeout=60) as function:
        for path in events:
            response = function.invoke(json.loads(path.read_text()))
            if not spec.routes:  # a scheduled function answers its run's figures, not HTTP
                assert {"examined", "repaired", "unchanged"} <= set(response), response
                continue
            status = response["statusCode"]
            assert status < 500, f"{path.name}: {status} {response.get('body')}"
            body = decoded_body(response)
            check = EXPECTED.get(str(path.relative_to(EVENTS_DIR)))
            if check:
                check(status, body)


def test_without_a_database_a_local_function_says_to_configure_one():
    """The layers ship no stand-in: a request that needs MongoDB fails and the log names MONGODB_URI."""
    event = json.loads((EVENTS_DIR / "auth/login.json").read_text())
    with BuiltFunction(built_root("AuthFunction"), {"APP_STAGE": "local"}, timeout=60) as function:
        response = function.invoke(event)
        assert response["statusCode"] == 500
        assert json.loads(response["body"]) == {"detail": "Internal server error"}
        assert "set MONGODB_URI" in function.logs()
