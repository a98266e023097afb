"""Loads events/*.json and sends them through a Mangum handler the way Lambda would."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

EVENTS_DIR = Path(__file__).resolve().parents[2] / "events"


@dataclass
class FakeLambdaContext:
    aws_request_id: str = "test-request-id"
    function_name: str = "test-function"
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:us-east-1:123456789012:function:test"

    def get_remaining_time_in_millis(self) -> int:
        return 20_000


def load_event(path: str | Path) -> dict[str, Any]:
    """`path` is relative to events/ (e.g. "catalog/list_products.json") or absolute."""
    full = Path(path) if Path(path).is_absolute() else EVENTS_DIR / path
    return json.loads(full.read_text())


def all_event_paths() -> list[str]:
    return sorted(str(p.relative_to(EVENTS_DIR)) for p in EVENTS_DIR.rglob("*.json"))


@dataclass
class LambdaResponse:
    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


def invoke(handler, event: dict[str, Any], context: FakeLambdaContext | None = None) -> LambdaResponse:
    result = handler(event, context or FakeLambdaContext())
    raw = result.get("body") or ""
    body = base64.b64decode(raw) if result.get("isBase64Encoded") else raw.encode()
    return LambdaResponse(
        status=result["statusCode"],
        headers={k.lower(): v for k, v in (result.get("headers") or {}).items()},
        cookies=list(result.get("cookies") or []),
        body=body,
    )
