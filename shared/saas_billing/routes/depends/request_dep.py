"""The public address of this API (routes/http_response/public_address.py), and a page's `notice` key."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from saas_billing.routes.http_response.public_address import public_base_url


async def base_url_dependency(request: Request) -> str:
    return public_base_url(request)


PublicBaseUrl = Annotated[str, Depends(base_url_dependency)]
# Any text: an unknown or overlong key shows nothing (notices.notice_text), never a 422 on a page.
NoticeQuery = Annotated[
    str | None, Query(description="A confirmation to show, named by key (unknown keys show nothing)")
]
