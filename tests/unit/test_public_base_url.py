"""URLs handed to Stripe come from the request's own scheme, host and root path."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from saas_billing.routes.depends.request_dep import public_base_url


def request(headers: dict[str, str], scheme: str = "http", root_path: str = "", port: int = 80) -> Request:
    return Request(
        {
            "type": "http",
            "method": "GET",
            "scheme": scheme,
            "server": ("fallback.internal", port),
            "path": "/",
            "root_path": root_path,
            "query_string": b"",
            "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        }
    )


@pytest.mark.parametrize(
    ("headers", "scheme", "root_path", "expected"),
    [
        # API Gateway through Mangum: no X-Forwarded-Port, so the scope says port 80 with https.
        (
            {"host": "abc.execute-api.us-east-1.amazonaws.com", "x-forwarded-proto": "https"},
            "https",
            "",
            "https://abc.execute-api.us-east-1.amazonaws.com",
        ),
        ({"host": "127.0.0.1:8000"}, "http", "", "http://127.0.0.1:8000"),
        (
            {"host": "api.example.com", "x-forwarded-proto": "https"},
            "http",
            "/billing/",
            "https://api.example.com/billing",
        ),
        ({"host": "api.example.com", "x-forwarded-proto": "gopher"}, "http", "", "http://api.example.com"),
        (
            {"host": "evil.example/path?x=", "x-forwarded-proto": "https"},
            "https",
            "",
            "https://fallback.internal:80",
        ),
        (
            {"host": "api.example.com", "x-forwarded-host": "evil.example"},
            "http",
            "",
            "http://api.example.com",
        ),
    ],
)
def test_public_base_url(headers, scheme, root_path, expected):
    assert public_base_url(request(headers, scheme, root_path)) == expected
