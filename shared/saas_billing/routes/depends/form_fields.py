"""A form body's text fields, for the routes that read their body themselves.

Starlette answers a malformed multipart body with its own 400 ("Invalid multipart data."), a status the
form routes do not document; the readers turn MalformedForm into their own documented error instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.exceptions import HTTPException

if TYPE_CHECKING:
    from starlette.requests import Request


class MalformedForm(ValueError):
    pass


async def form_fields(request: Request) -> dict[str, str]:
    try:
        form = await request.form()
    except HTTPException as error:  # starlette's MultiPartException, raised as a 400
        raise MalformedForm(f"could not be read as a form ({error.detail})") from error
    return {key: value for key, value in form.items() if isinstance(value, str)}
