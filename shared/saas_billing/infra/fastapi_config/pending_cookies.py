"""Set-Cookie headers queued by dependencies reach every response, whatever the route returns.

FastAPI copies a dependency's `Response` headers only into responses it builds itself; a route that
returns an HTMLResponse or RedirectResponse (or fails) would silently drop them. A refreshed token
that never reaches the browser is then replayed and revoked as reuse, so cookies go through here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.requests import HTTPConnection

SCOPE_KEY = "saas_billing.set_cookies"


def queue_cookie(connection: HTTPConnection, name: str, header_value: str) -> None:
    """The last value queued for a name wins, so a logout's clearing beats an earlier refresh."""
    queued = connection.scope.get(SCOPE_KEY)
    if queued is None:
        raise RuntimeError("EdgeMiddleware is not installed (use create_app)")
    queued[name] = header_value
