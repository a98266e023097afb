"""Parsing what a client sent: a malformed value is the caller's 4xx, never an exception that ends in a 500.

Python's parsers raise more than ValueError on hostile input: json.loads raises RecursionError on
deep nesting (100,000 `[`) and accepts `NaN`, `Infinity` and `1e400` (inf), which no JSON answer can
echo (Starlette refuses non-finite floats); urlsplit raises ValueError on a bracketed host (`http://[`)
or a bad port only when `.port` is read. Every parser of client input goes through here.
"""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


class MalformedJson(ValueError):
    """str() completes a sentence about the body: "The body " + str(error)."""


class _NonFiniteNumber(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NonFiniteNumber(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFiniteNumber(text)
    return value


def parse_json(raw: bytes | str) -> Any:
    """Strict JSON: a non-finite number (`NaN`, `Infinity`, `1e400`) is malformed, as RFC 8259 says."""
    try:
        return json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except _NonFiniteNumber as error:
        raise MalformedJson(
            "is not valid JSON: NaN, Infinity and out-of-range numbers are refused"
        ) from error
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
