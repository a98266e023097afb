"""The Lambda entry every function exports: Mangum, with the two headers it parses made safe first.

Mangum turns Host and X-Forwarded-Port into the ASGI `server` with `split(":")` and `int()`, before any
of our code runs: `Host: a:b` or `X-Forwarded-Port: x` would make the invocation itself fail (API
Gateway's bare 500). Nothing here reads either header (routes/http_response/public_address.py), so a
malformed one is dropped and the request goes on.
"""

from __future__ import annotations

import re
from typing import Any

from mangum import Mangum
from mangum.handlers.api_gateway import HTTPGateway

import saas_billing.infra.snapstart.priming  # noqa: F401  # registers its hook: SnapStart only

_HOST = re.compile(r"[^:]*(:\d{1,5})?")
_PORT = re.compile(r"\d{1,5}")


class _HttpApiGateway(HTTPGateway):
    def __init__(self, event: dict[str, Any], context: Any, config: Any) -> None:
        super().__init__(_with_safe_headers(event), context, config)


def _with_safe_headers(event: dict[str, Any]) -> dict[str, Any]:
    headers = event.get("headers")
    if not isinstance(headers, dict):
        return event
    safe = {}
    for name, value in headers.items():
        key = str(name).lower()
        if key == "host" and not _HOST.fullmatch(str(value)):
            continue
        if key == "x-forwarded-port" and not _PORT.fullmatch(str(value)):
            continue
        safe[name] = value
    return {**event, "headers": safe}


def lambda_handler(app: Any) -> Mangum:
    return Mangum(app, lifespan="off", custom_handlers=[_HttpApiGateway])
