"""Parsing what a client sent: a malformed value is the caller's 4xx, never an exception that ends in a 500.

Python's parsers raise more than ValueError on hostile input: json.loads raises RecursionError on
deep nesting (100,000 `[`), and urlsplit raises ValueError on a bracketed host (`http://[`) or a bad
port only when `.port` is read. Every parser of client input goes through here.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


class MalformedJson(ValueError):
    """str() completes a sentence about the body: "The body " + str(error)."""


def parse_json(raw: bytes | str) -> Any:
    try:
        return json.loads(raw)
    except RecursionError as error:
        raise MalformedJson("is nested too deeply to be read as JSON") from error
    except ValueError as error:  # UnicodeDecodeError included
        raise MalformedJson("is not valid JSON") from error


def web_origin(url: str) -> str | None:
    """`scheme://host[:port]` in lower case without its default port, as a browser's Origin header
    names a site; None for anything that is not an absolute http(s) URL."""
    try:
        parts = urlsplit(url.strip())
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:
        return None
    if scheme not in DEFAULT_PORTS or not host or "@" in parts.netloc:
        return None
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    return f"{scheme}://{host}" if port in (None, DEFAULT_PORTS[scheme]) else f"{scheme}://{host}:{port}"
