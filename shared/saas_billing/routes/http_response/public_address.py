"""The public address of this API: the base of every URL we hand to Stripe, and the only Origin our own
pages post from. It is never read from a header a client can set (Host, X-Forwarded-Host, -Proto):
behind anything but API Gateway, and on the dev server, a forged Host would send payers (Stripe's
success, cancel and portal return URLs) or a form's action to another site.

In order: the `public_base_url` setting (a custom domain in front of the API); in Lambda, API Gateway's
`requestContext.domainName` (the domain the client reached, which it cannot choose), over https;
elsewhere the address the server itself listens on (the ASGI `server`, which uvicorn takes from its
own socket: the dev server's DEV_HOST/DEV_PORT).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from saas_billing.infra.exception.errors import SettingsError
from saas_billing.infra.mixins.client_input import DEFAULT_PORTS, web_origin
from saas_billing.infra.settings.loader import get_settings

if TYPE_CHECKING:
    from starlette.requests import HTTPConnection

_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")


def public_base_url(connection: HTTPConnection) -> str:
    """scheme://host[:port][root_path], without a trailing slash."""
    configured = get_settings().public_base_url
    if configured:
        return configured
    root_path = str(connection.scope.get("root_path") or "").rstrip("/")
    event = connection.scope.get("aws.event")
    if event is not None:
        domain = str((event.get("requestContext") or {}).get("domainName") or "")
        if not _HOST.match(domain):
            raise SettingsError("The event names no domainName: set public_base_url")
        return f"https://{domain.lower()}{root_path}"
    scheme = connection.scope.get("scheme", "http")
    host, port = connection.scope.get("server") or (None, None)
    if not host or scheme not in DEFAULT_PORTS:
        raise SettingsError("The server does not know its own address: set public_base_url")
    host = f"[{host}]" if ":" in host else host
    address = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return f"{scheme}://{address}{root_path}"


def public_origin(connection: HTTPConnection) -> str | None:
    """What a browser sends as Origin from a page this API served."""
    return web_origin(public_base_url(connection))
