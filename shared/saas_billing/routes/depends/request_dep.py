"""The public address of this API as the caller sees it, for URLs we hand to Stripe.

API Gateway presents the client's Host and sets X-Forwarded-Proto; Mangum passes both into the scope,
and uvicorn sees the same headers locally. X-Forwarded-Host is deliberately ignored: API Gateway passes
a client's copy through unchanged, and trusting it would let anyone mint a Checkout session on our
Stripe page that redirects the payer to their own site.

Starlette's `base_url` is not used: Mangum reports port 80 for https when the event has no
X-Forwarded-Port, which would produce https://host:80.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Request

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def _first(value: str | None) -> str:
    """Proxies append to X-Forwarded-Proto; the first entry is the one the client used."""
    return (value or "").split(",")[0].strip()


def public_base_url(request: Request) -> str:
    """scheme://host[:port][root_path], without a trailing slash."""
    scheme = _first(request.headers.get("x-forwarded-proto")).lower()
    if scheme not in ("http", "https"):
        scheme = request.url.scheme
    host = request.headers.get("host", "").strip()
    if not _HOST.match(host):  # never echo a malformed header into a URL
        host = request.url.netloc
    root_path = str(request.scope.get("root_path") or "").rstrip("/")
    return f"{scheme}://{host}{root_path}"


async def base_url_dependency(request: Request) -> str:
    return public_base_url(request)


PublicBaseUrl = Annotated[str, Depends(base_url_dependency)]
