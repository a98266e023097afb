"""The public address of this API as the caller sees it, for URLs we hand to Stripe.

Behind API Gateway, Mangum puts the client's Host and X-Forwarded-Proto in the scope; a proxy may send
X-Forwarded-Host. Starlette's `base_url` is not used: Mangum reports port 80 for https when the event
has no X-Forwarded-Port, which would produce https://host:80.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Request

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def _first(value: str | None) -> str:
    """Proxies append to X-Forwarded-*; the first entry is the one the client used."""
    return (value or "").split(",")[0].strip()


def public_base_url(request: Request) -> str:
    """scheme://host[:port][root_path], without a trailing slash."""
    headers = request.headers
    scheme = _first(headers.get("x-forwarded-proto")).lower()
    if scheme not in ("http", "https"):
        scheme = request.url.scheme
    host = _first(headers.get("x-forwarded-host")) or _first(headers.get("host"))
    if not _HOST.match(host):  # never echo a malformed header into a URL
        host = request.url.netloc
    root_path = str(request.scope.get("root_path") or "").rstrip("/")
    return f"{scheme}://{host}{root_path}"


async def base_url_dependency(request: Request) -> str:
    return public_base_url(request)


PublicBaseUrl = Annotated[str, Depends(base_url_dependency)]
