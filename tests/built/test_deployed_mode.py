"""The built catalog function cold-starting in the dev stage: settings from SSM (moto_server), Stripe down."""

from __future__ import annotations

import http.client
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from scripts.invoke_built import BuiltFunction, InvokeError, built_root
from scripts.local_aws import (
    REQUIRED_SECRETS,
    STAGE_PATH,
    deployed_env,
    free_port,
    moto_server,
    put_parameters,
    reset_moto,
)
from tests.support.lambda_events import load_event

pytestmark = pytest.mark.built

PATH_READ = "AmazonSSM.GetParametersByPath"
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


class CountingProxy(ThreadingHTTPServer):
    """Forwards every request to moto_server and records its X-Amz-Target (the SSM operation)."""

    daemon_threads = True

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.targets: list[str] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(BaseHTTPRequestHandler):
    server: CountingProxy

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.targets.append(self.headers.get("X-Amz-Target", f"{self.command} {self.path}"))
        upstream = http.client.HTTPConnection(
            self.server.upstream.hostname, self.server.upstream.port, timeout=10
        )
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        upstream.request(self.command, self.path, body, headers)
        reply = upstream.getresponse()
        data = reply.read()
        upstream.close()
        self.send_response(reply.status)
        for name, value in reply.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture
def ssm_proxy(moto_url) -> Iterator[CountingProxy]:
    reset_moto(moto_url)
    proxy = CountingProxy(moto_url)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    yield proxy
    proxy.shutdown()
    proxy.server_close()


def test_cold_start_reads_ssm_once_and_an_unreachable_stripe_is_a_502(moto_url, ssm_proxy):
    put_parameters(moto_url, REQUIRED_SECRETS)
    put_parameters(moto_url, {"stripe_api_base": f"http://127.0.0.1:{free_port()}"}, kind="String")
    event = load_event("catalog/list_products.json")
    with BuiltFunction(built_root("CatalogFunction"), deployed_env(ssm_proxy.url), timeout=60) as function:
        assert ssm_proxy.targets == [PATH_READ], "one page of settings, read once at cold start"
        for _ in range(2):
            response = function.invoke(event)
            assert response["statusCode"] == 502, response
            assert response["headers"]["content-type"] == "application/json"
            assert json.loads(response["body"])["detail"]
        assert ssm_proxy.targets == [PATH_READ], "warm invocations must not read SSM again"


def test_a_missing_required_parameter_fails_the_cold_start_naming_its_path(moto_url, ssm_proxy):
    put_parameters(moto_url, {"stripe_api_key": REQUIRED_SECRETS["stripe_api_key"]})
    with pytest.raises(InvokeError) as error:
        BuiltFunction(built_root("CatalogFunction"), deployed_env(ssm_proxy.url), timeout=60).start()
    message = str(error.value)
    assert "SettingsError" in message
    assert f"{STAGE_PATH}stripe_webhook_secret" in message
    assert f"{STAGE_PATH}mongodb_uri" in message
    assert f"{STAGE_PATH}stripe_api_key" not in message
    assert REQUIRED_SECRETS["stripe_api_key"] not in message
