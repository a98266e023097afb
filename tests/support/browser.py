"""Drives a Mangum handler with HTTP API v2 events the way a browser (or an API client) would."""

from __future__ import annotations

import json as jsonlib
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from scripts.make_event import http_api_event
from tests.support.lambda_events import LambdaResponse, invoke

ORIGIN = "https://api.example.com"  # the host http_api_event puts in its events


def parse_set_cookie(header: str):
    cookie: SimpleCookie = SimpleCookie()
    cookie.load(header)
    (morsel,) = cookie.values()
    return morsel


class Browser:
    """Keeps the cookies the v2 `cookies` field sets, and sends them back in the next event."""

    def __init__(self, handler, *, source_ip: str = "203.0.113.10", user_agent: str = "test-browser") -> None:
        self.handler = handler
        self.jar: dict[str, str] = {}
        self.source_ip = source_ip
        self.user_agent = user_agent

    def request(
        self,
        method: str,
        path: str,
        *,
        json: dict | None = None,
        form: dict | None = None,
        headers: dict[str, str] | None = None,
        query: dict[str, str] | None = None,
        send_cookies: bool = True,
    ) -> LambdaResponse:
        all_headers = {"user-agent": self.user_agent, **(headers or {})}
        body = None
        if json is not None:
            all_headers["content-type"] = "application/json"
            body = jsonlib.dumps(json)
        if form is not None:
            all_headers.setdefault("content-type", "application/x-www-form-urlencoded")
            all_headers.setdefault("origin", ORIGIN)
            body = urlencode(form)
        cookies = [f"{name}={value}" for name, value in self.jar.items()] if send_cookies else None
        event = http_api_event(method, path, query=query, headers=all_headers, cookies=cookies, body=body)
        event["requestContext"]["http"]["sourceIp"] = self.source_ip
        response = invoke(self.handler, event)
        for header in response.cookies:
            morsel = parse_set_cookie(header)
            if morsel["max-age"] == "0":
                self.jar.pop(morsel.key, None)
            else:
                self.jar[morsel.key] = morsel.value
        return response

    def get(self, path: str, **kwargs) -> LambdaResponse:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> LambdaResponse:
        return self.request("POST", path, **kwargs)

    def delete(self, path: str, **kwargs) -> LambdaResponse:
        return self.request("DELETE", path, **kwargs)
