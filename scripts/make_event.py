"""Writes an API Gateway HTTP API (v2) event, the shape `sam local invoke -e` and the handlers take.

python -m scripts.make_event GET /v1/products events/catalog/list_products.json
python -m scripts.make_event POST /v1/customers out.json --json '{"name": "Ada", "email": "a@b.co"}'
"""

from __future__ import annotations

import argparse
import base64
import json
import re
from pathlib import Path
from urllib.parse import urlencode


def match_route(method: str, path: str) -> tuple[str, dict[str, str]]:
    """The template route API Gateway would pick for this request, and its path parameters."""
    from scripts.template_model import functions

    for spec in functions():
        for route in spec.routes:
            if route.method != method:
                continue
            pattern = re.sub(r"\\{(\w+)\\}", r"(?P<\1>[^/]+)", re.escape(route.path))
            found = re.fullmatch(pattern, path)
            if found:
                return f"{method} {route.path}", found.groupdict()
    return f"{method} {path}", {}


def http_api_event(
    method: str,
    path: str,
    *,
    query: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    cookies: list[str] | None = None,
    body: str | bytes | None = None,
    base64_body: bool = False,
) -> dict:
    all_headers = {"host": "api.example.com", "user-agent": "sam-local-event", "x-forwarded-proto": "https"}
    all_headers.update({k.lower(): v for k, v in (headers or {}).items()})
    raw_body: str | None
    if body is None:
        raw_body = None
    elif base64_body:
        raw_body = base64.b64encode(body if isinstance(body, bytes) else body.encode()).decode()
    else:
        raw_body = body.decode() if isinstance(body, bytes) else body
    route_key, path_parameters = match_route(method, path)
    event = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": path,
        "rawQueryString": urlencode(query or {}),
        "headers": all_headers,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "local",
            "domainName": all_headers["host"],
            "domainPrefix": "api",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.10",
                "userAgent": all_headers["user-agent"],
            },
            "requestId": "local-request-id",
            "routeKey": route_key,
            "stage": "$default",
            "time": "26/Nov/2026:12:00:00 +0000",
            "timeEpoch": 1795694400000,
        },
        "isBase64Encoded": base64_body,
    }
    if query:
        event["queryStringParameters"] = dict(query)
    if path_parameters:
        event["pathParameters"] = path_parameters
    if cookies:
        event["cookies"] = list(cookies)
    if raw_body is not None:
        event["body"] = raw_body
    return event


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("method")
    parser.add_argument("path")
    parser.add_argument("output", type=Path)
    parser.add_argument("--query", action="append", default=[], help="name=value, repeatable")
    parser.add_argument("--header", action="append", default=[], help="name: value, repeatable")
    parser.add_argument("--json", help="a JSON body (sets content-type)")
    parser.add_argument("--form", help="a form body, already url-encoded (sets content-type)")
    args = parser.parse_args()
    headers = dict(h.split(": ", 1) for h in args.header)
    body = args.json or args.form
    if args.json:
        headers.setdefault("content-type", "application/json")
    if args.form:
        headers.setdefault("content-type", "application/x-www-form-urlencoded")
    query = dict(q.split("=", 1) for q in args.query)
    event = http_api_event(args.method.upper(), args.path, query=query, headers=headers, body=body)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(event, indent=2) + "\n")


if __name__ == "__main__":
    main()
