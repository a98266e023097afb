"""What the bench runs against: the bare reference function and a stub Stripe for the deployed figure."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from scripts.invoke_built import LambdaRoot
from scripts.template_model import ROOT

BARE_SOURCE = ROOT / "scripts" / "bench_bare"
REQUIREMENTS = ROOT / "layers" / "dependencies" / "requirements.txt"
# The same runtime as the bench's interpreter (the template's, checked by make): ratios stay like for like.
LAMBDA_WHEELS = [
    "--platform=manylinux2014_x86_64",
    "--implementation=cp",
    f"--python-version={sys.version_info.major}.{sys.version_info.minor}",
    "--only-binary=:all:",
]
# As functions/Makefile and the layers compile: bytecode a 1980-dated zip cannot make stale.
COMPILE = ["-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash"]


def pins(*names: str) -> list[str]:
    """The bare function uses the very versions the dependencies layer pins."""
    lines = [line.strip() for line in REQUIREMENTS.read_text().splitlines()]
    found = [line for line in lines if line.split("==")[0].lower() in names]
    assert len(found) == len(names), f"{names} must all be pinned in {REQUIREMENTS}"
    return found


def build_bare(bytecode: bool) -> LambdaRoot:
    """Like SAM's default python build (wheels into the function folder, no .pyc), or the same with
    unchecked-hash bytecode, the floor for any FastAPI function. Rebuilt when an input changes."""
    requirements = pins("fastapi", "mangum")
    handler = BARE_SOURCE / "bare_handler.py"
    folder = ROOT / ".aws-sam" / ("bench-bare-bytecode" if bytecode else "bench-bare")
    inputs = [requirements, handler.read_text(), LAMBDA_WHEELS, bytecode and COMPILE]
    digest = hashlib.sha256(json.dumps(inputs).encode()).hexdigest()
    stamp = folder / ".build-stamp"
    fresh = stamp.is_file() and stamp.read_text() == digest
    if not fresh or (not bytecode and any(folder.rglob("*.pyc"))):
        shutil.rmtree(folder, ignore_errors=True)
        pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-compile"]
        subprocess.run([*pip, *LAMBDA_WHEELS, "--target", str(folder), *requirements], check=True)
        shutil.copy2(handler, folder / handler.name)
        if bytecode:
            subprocess.run([sys.executable, *COMPILE, str(folder)], check=True)
        stamp.write_text(digest)
    name = "BareFastAPIBytecode" if bytecode else "BareFastAPI"
    return LambdaRoot(name, "bare_handler.handler", (folder,))


def _price(price_id: str, amount: int, interval: str, product: dict) -> dict:
    return {
        "id": price_id,
        "object": "price",
        "active": True,
        "currency": "usd",
        "unit_amount": amount,
        "nickname": None,
        "recurring": {"interval": interval, "interval_count": 1},
        "type": "recurring",
        "product": product,
    }


_PRODUCT = {"id": "prod_stub", "object": "product", "active": True, "name": "Stub", "description": None}
PRICE_LIST = {
    "object": "list",
    "url": "/v1/prices",
    "has_more": False,
    "data": [
        _price("price_stub_monthly", 900, "month", _PRODUCT),
        _price("price_stub_yearly", 9000, "year", _PRODUCT),
    ],
}


class _StripeStub(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        found = self.path.split("?")[0] == "/v1/prices"
        body = json.dumps(PRICE_LIST if found else {"error": {"type": "invalid_request_error"}}).encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Request-Id", "req_stub")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def stripe_stub() -> Iterator[str]:
    """A loopback server answering GET /v1/prices with a Stripe list of 2 prices, products expanded."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _StripeStub)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
