"""How a device signed in; apart from the session schemas, which the forms that read it do not need."""

from __future__ import annotations

from enum import StrEnum


class ClientKind(StrEnum):
    BROWSER = "browser"  # signed in through a form: tokens live in HttpOnly cookies
    API = "api"  # signed in with JSON: tokens in the body, sent back as a bearer token
