"""The auth endpoints answer two kinds of caller from one route.

A browser posts an HTML form: on success it is redirected (303) to a same-site `next` path, on
failure it gets the form back with the error. Anything else is a JSON client and gets JSON, errors
included. Any post whose Origin is another site is refused, whatever its content type: that stops
login CSRF (signing a victim into the attacker's account), which SameSite cookies cannot prevent,
and a forged text/plain logout whose answer would clear the victim's cookies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError
from starlette.responses import JSONResponse, RedirectResponse, Response

from saas_billing.domain.auth_errors import CrossSiteRequest, InvalidInput, UnsupportedBody
from saas_billing.domain.schemas.auth.client_kind import ClientKind
from saas_billing.infra.exception.errors import ServiceUnavailable
from saas_billing.infra.mixins.client_input import MalformedJson, parse_json
from saas_billing.routes.depends.form_fields import MalformedForm, form_fields
from saas_billing.routes.http_response.auth_cookies import refuse_cross_site
from saas_billing.routes.http_response.notices import with_notice

if TYPE_CHECKING:
    from starlette.requests import Request

HOME_PATH = "/pricing"  # where base.html's header link points
SIGNIN_PATH = "/v1/auth/signin"
ACCOUNT_PATH = "/account"  # the account page: where a signed-in browser manages its plan and devices
NO_STORE = {"Cache-Control": "no-store"}
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
Model = TypeVar("Model", bound=BaseModel)
# What read_entry and Entry.parse can refuse, for the docs of the routes that use them.
ENTRY_ERRORS = (CrossSiteRequest, UnsupportedBody, InvalidInput)
READS_BODY = (*ENTRY_ERRORS, ServiceUnavailable)  # what every route reading a form or JSON body declares


def safe_next(value: str | None, default: str = HOME_PATH) -> str:
    """A relative path on this site, or `default`: never another host, scheme or protocol-relative URL."""
    if not value or len(value) > 2048 or not value.startswith("/") or value.startswith("//"):
        return default
    if "\\" in value or any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return default
    try:
        parts = urlsplit(value)
    except ValueError:
        return default
    return default if parts.scheme or parts.netloc else value


@dataclass(frozen=True)
class Entry:
    is_form: bool
    fields: dict[str, Any]
    next_path: str
    # API Gateway's sourceIp (the TCP peer), never X-Forwarded-For, which any client can forge.
    client_ip: str | None = None
    user_agent: str | None = None

    @property
    def kind(self) -> ClientKind:
        return ClientKind.BROWSER if self.is_form else ClientKind.API

    def parse(self, model: type[Model]) -> Model:
        try:
            return model.model_validate(self.fields)
        except ValidationError as error:
            raise InvalidInput(_describe(error)) from error

    def done(
        self, content: BaseModel | None = None, status_code: int = 200, notice: str | None = None
    ) -> Response:
        """303 to `next` for a form (with the `notice` to show there); the model as JSON (or 204 without
        one) otherwise."""
        if self.is_form:
            return RedirectResponse(with_notice(self.next_path, notice), status_code=303, headers=NO_STORE)
        if content is None:
            return Response(status_code=204, headers=NO_STORE)
        return JSONResponse(content.model_dump(mode="json"), status_code=status_code, headers=NO_STORE)


async def read_entry(request: Request, default_next: str = HOME_PATH) -> Entry:
    refuse_cross_site(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in FORM_TYPES:
        try:
            fields = await form_fields(request)
        except MalformedForm as error:
            raise InvalidInput(f"Request body {error}") from error
        next_path = safe_next(fields.get("next") or request.query_params.get("next"), default_next)
        return Entry(True, fields, next_path, *_client(request))
    body = await request.body()
    if not body.strip():
        fields: dict[str, Any] = {}
    elif content_type == "application/json" or content_type.endswith("+json"):
        try:
            fields = parse_json(body)
        except MalformedJson as error:
            raise InvalidInput(f"Request body {error}") from error
        if not isinstance(fields, dict):
            raise InvalidInput("Request body must be a JSON object")
    else:
        raise UnsupportedBody()
    return Entry(False, fields, safe_next(request.query_params.get("next"), default_next), *_client(request))


def _client(request: Request) -> tuple[str | None, str | None]:
    return (request.client.host if request.client else None), request.headers.get("user-agent")


def _describe(error: ValidationError) -> str:
    """Field and reason only: the submitted value (maybe a password) is never echoed."""
    problems = []
    for problem in error.errors(include_input=False, include_url=False):
        where = ".".join(str(part) for part in problem["loc"]) or "body"
        problems.append(f"{where}: {problem['msg']}")
    return "; ".join(problems)
