"""The auth cookie contract: which cookies a signed-in browser holds, and how a request is read.

All three are HttpOnly (no script can read them), SameSite=Lax (not sent on cross-site POSTs, so
they cannot drive a forged state change), Path=/ and Secure outside the local stage. There their
names also carry the `__Host-` prefix (`__Host-device_id`, ...): the browser then keeps them only when
Secure, Path=/ and without Domain, so no sibling subdomain can plant or overwrite one (session
fixation). Plain-http `make dev` cannot use Secure cookies, so it keeps the plain names.

- device_id: names the device session. It lives as long as the refresh token can.
- access_token: the short-lived JWT; the browser drops it when it expires.
- refresh_token: the single-use refresh token. It is deliberately sent on every path, not only
  /v1/auth/refresh: silent refresh happens on whatever request finds the access token expired
  (a page, a checkout POST), which a path-scoped cookie would never reach. Rotation on every use
  plus reuse detection bound what a stolen copy is worth.

SameSite does not stop a same-site sibling, nor an anonymous cross-site logout whose answer clears
the cookies, so state-changing requests with another site's Origin are refused outright.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import TYPE_CHECKING

from saas_billing.domain.auth_errors import CrossSiteRequest
from saas_billing.domain.schemas.auth.principal import Credentials
from saas_billing.infra.fastapi_config.pending_cookies import queue_cookie
from saas_billing.infra.mixins.client_input import web_origin
from saas_billing.routes.http_response.public_address import public_origin

if TYPE_CHECKING:
    from starlette.requests import HTTPConnection

    from saas_billing.domain.schemas.auth.tokens import IssuedTokens
    from saas_billing.infra.settings.app_settings import AppSettings

DEVICE_COOKIE = "device_id"
ACCESS_COOKIE = "access_token"
REFRESH_COOKIE = "refresh_token"
HOST_PREFIX = "__Host-"
MAX_TOKEN_LENGTH = 4096
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def cookie_name(base: str, settings: AppSettings) -> str:
    """The name a cookie is written and read under in this stage: one place, so the two never differ."""
    return f"{HOST_PREFIX}{base}" if settings.secure_cookies else base


def cookie_header(name: str, value: str, *, max_age: int, secure: bool) -> str:
    if name.startswith(HOST_PREFIX) and not secure:
        raise ValueError(f"{name} must be Secure: browsers drop a __Host- cookie that is not")
    cookie: SimpleCookie = SimpleCookie()
    cookie[name] = value
    morsel = cookie[name]
    morsel["path"] = "/"
    morsel["max-age"] = max_age
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if secure:
        morsel["secure"] = True
    if max_age == 0:
        morsel["expires"] = "Thu, 01 Jan 1970 00:00:00 GMT"
    return morsel.OutputString()


def queue_session_cookies(connection: HTTPConnection, tokens: IssuedTokens, settings: AppSettings) -> None:
    """The cookies live exactly as long as their tokens, which a session's absolute end may cut short."""
    refresh_seconds = int((tokens.refresh_expiry - tokens.issued_at).total_seconds())
    cookies = {
        DEVICE_COOKIE: (tokens.device_id, refresh_seconds),
        ACCESS_COOKIE: (tokens.access_token, int((tokens.access_expiry - tokens.issued_at).total_seconds())),
        REFRESH_COOKIE: (tokens.refresh_token, refresh_seconds),
    }
    for base, (value, max_age) in cookies.items():
        name = cookie_name(base, settings)
        queue_cookie(
            connection, name, cookie_header(name, value, max_age=max_age, secure=settings.secure_cookies)
        )


def queue_cleared_cookies(connection: HTTPConnection, settings: AppSettings) -> None:
    for base in (DEVICE_COOKIE, ACCESS_COOKIE, REFRESH_COOKIE):
        name = cookie_name(base, settings)
        queue_cookie(connection, name, cookie_header(name, "", max_age=0, secure=settings.secure_cookies))


def refuse_cross_site(connection: HTTPConnection) -> None:
    """403 unless the Origin is this API's own public origin, scheme and port included (never the Host
    header, which a client sets); a request without one (an API client) passes."""
    origin = connection.headers.get("origin")
    if origin is None:
        return
    claimed = web_origin(origin)
    if claimed is None and origin != "null":  # "null": an opaque origin (a sandbox, a file), not a typo
        raise CrossSiteRequest("The Origin header is not a valid origin; cross-site requests are refused")
    if claimed != public_origin(connection):
        raise CrossSiteRequest()


def read_credentials(connection: HTTPConnection, settings: AppSettings) -> Credentials | None:
    """A bearer token wins over cookies; None when the request carries neither."""
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return Credentials(access_token=token.strip()[:MAX_TOKEN_LENGTH], bearer=True)
    device, access, refresh = (
        _cookie(connection, base, settings) for base in (DEVICE_COOKIE, ACCESS_COOKIE, REFRESH_COOKIE)
    )
    if not (device or access or refresh):
        return None
    return Credentials(device_id=device, access_token=access, refresh_token=refresh)


def refresh_cookie(connection: HTTPConnection, settings: AppSettings) -> str | None:
    return _cookie(connection, REFRESH_COOKIE, settings)


def _cookie(connection: HTTPConnection, base: str, settings: AppSettings) -> str | None:
    return _bounded(connection.cookies.get(cookie_name(base, settings)))


def _bounded(value: str | None) -> str | None:
    return value[:MAX_TOKEN_LENGTH] if value else None
