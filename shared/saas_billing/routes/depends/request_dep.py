"""The public address of this API as a route parameter (routes/http_response/public_address.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from saas_billing.routes.http_response.public_address import public_base_url


async def base_url_dependency(request: Request) -> str:
    return public_base_url(request)


PublicBaseUrl = Annotated[str, Depends(base_url_dependency)]
