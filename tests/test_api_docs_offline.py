"""`make dev`'s /docs and /redoc work with no network: every script, stylesheet and icon they reference
is served by the dev server itself, and nothing in them points at another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from scripts.dev_server import build_dev_app

# What each page's own script needs from its bundle; a stub or a wrong file would not define it.
BUNDLE_GLOBALS = {"/docs": b"SwaggerUIBundle", "/redoc": b"Redoc"}
ANOTHER_HOST = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//[^/\s'\"]", re.IGNORECASE)


class References(HTMLParser):
    """Every URL the page makes the browser load: script src, link href (stylesheet, icon), img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: dict[str, str] = {}  # url -> what references it
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self._in_script = values.get("src") is None
            if values.get("src"):
                self.urls[values["src"]] = "script"
        elif tag == "link" and values.get("href"):
            self.urls[values["href"]] = values.get("rel") or "link"
        elif tag in ("img", "iframe") and values.get("src"):
            self.urls[values["src"]] = tag
        elif tag == "redoc" and values.get("spec-url"):
            self.urls[values["spec-url"]] = "spec"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(build_dev_app())


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_every_file_the_docs_page_loads_is_served_locally(client, page):
    response = client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    # What the bundles might fetch at run time (ReDoc's logo from its CDN) the browser refuses.
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert "http" not in response.headers["content-security-policy"]
    references = References()
    references.feed(response.text)
    kinds = set(references.urls.values())
    assert "script" in kinds and ("stylesheet" in kinds or page == "/redoc"), references.urls
    elsewhere = [url for url in references.urls if ANOTHER_HOST.match(url)]
    assert elsewhere == [], f"{page} loads from another host: {elsewhere}"
    assert not ANOTHER_HOST.search(response.text), f"{page} names another host"
    for url, kind in references.urls.items():
        served = client.get(url)
        assert served.status_code == 200, f"{kind} {url}: {served.status_code}"
        assert len(served.content) > 1000, f"{kind} {url} is nearly empty"
        if kind == "stylesheet":
            assert served.headers["content-type"].startswith("text/css"), url
        if kind == "script":
            assert "javascript" in served.headers["content-type"], url
            assert BUNDLE_GLOBALS[page] in served.content, f"{url} does not define {BUNDLE_GLOBALS[page]}"


def test_swagger_ui_reads_the_local_document_and_calls_no_online_validator(client):
    references = References()
    references.feed(client.get("/docs").text)
    script = "".join(references.inline_scripts)
    assert "url: '/openapi.json'" in script
    assert '"validatorUrl": null' in script  # else Swagger UI fetches a badge from its online validator
    assert client.get("/openapi.json").json()["paths"]
