"""A loopback HTTP server that answers like Stripe's API, for testing the real adapter end to end.

Tests script responses per (method, path) and read back what the adapter sent: method, path,
query and form parameters (decoded as Stripe encodes them: `expand[]`, `line_items[0][price]`) and headers.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class RecordedRequest:
    method: str
    path: str
    params: list[tuple[str, str]]
    headers: dict[str, str]

    def param(self, name: str) -> str | None:
        return next((value for key, value in self.params if key == name), None)

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.params if key == name]

    def array(self, name: str) -> list[str]:
        """Values of an array parameter, whether sent as `name[]` or `name[0]`, `name[1]`, ..."""
        return [value for key, value in self.params if re.fullmatch(rf"{re.escape(name)}\[\d*\]", key)]


Responder = Callable[[RecordedRequest], tuple[int, dict[str, Any]]]


@dataclass
class FakeStripe:
    routes: dict[tuple[str, str], Responder] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    base_url: str = ""

    def on(self, method: str, path: str, body: dict[str, Any] | Responder, status: int = 200) -> None:
        self.routes[(method, path)] = body if callable(body) else (lambda _request: (status, body))

    def respond(self, request: RecordedRequest) -> tuple[int, dict[str, Any]]:
        self.requests.append(request)
        responder = self.routes.get((request.method, request.path))
        if responder is None:
            message = f"Unrecognized request URL ({request.method}: {request.path})"
            return 404, {"error": {"type": "invalid_request_error", "message": message}}
        return responder(request)


def _handler_for(fake: FakeStripe) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            params = parse_qsl(url.query, keep_blank_values=True) + parse_qsl(body, keep_blank_values=True)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, payload = fake.respond(RecordedRequest(self.command, url.path, params, headers))
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", f"req_{len(fake.requests)}")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a client that timed out
                self.wfile.write(data)

        do_GET = do_POST = do_DELETE = _serve

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


class running_fake_stripe:
    def __enter__(self) -> FakeStripe:
        self.fake = FakeStripe()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self.fake))
        self.fake.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self.fake

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def stripe_list(url: str, data: list[dict[str, Any]], has_more: bool = False) -> dict[str, Any]:
    return {"object": "list", "url": url, "has_more": has_more, "data": data}


def stripe_error(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message, **extra}}
