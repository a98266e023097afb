"""The one ASGI middleware every function runs: request id, queued cookies, and the last-resort 500.

One layer instead of three: each middleware layer costs a warm invoke several microseconds.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from starlette.responses import JSONResponse

from saas_billing.infra.fastapi_config.logging_setup import request_id
from saas_billing.infra.fastapi_config.pending_cookies import SCOPE_KEY

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger(__name__)


class EdgeMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Mangum puts the Lambda context in the scope; log records are stamped with its request id.
        token = request_id.set(getattr(scope.get("aws.context"), "aws_request_id", None))
        queued: dict[str, str] = {}
        scope[SCOPE_KEY] = queued
        started = False

        async def edge_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if queued:
                    # Cookies queued by dependencies reach every response, errors included.
                    headers = list(message.get("headers", []))
                    headers.extend((b"set-cookie", value.encode("latin-1")) for value in queued.values())
                    message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, edge_send)
        except Exception:
            logger.exception("unhandled error")
            if started:
                raise
            # A JSON 500 instead of letting the exception escape to Mangum's plain-text one.
            await JSONResponse({"detail": "Internal server error"}, status_code=500)(
                scope, receive, edge_send
            )
        finally:
            request_id.reset(token)
