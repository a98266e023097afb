import pytest

from saas_billing.routes.http_response.auth_forms import HOME_PATH, safe_next


@pytest.mark.parametrize("path", ["/pricing", "/v1/auth/me", "/checkout?price=price_1&x=%2F%2Fa", "/a#b"])
def test_same_site_paths_are_kept(path):
    assert safe_next(path) == path


@pytest.mark.parametrize(
    "path",
    [
        None,
        "",
        "pricing",
        "//evil.example/x",
        "/\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "/\t/evil.example",
        "/ok\r\nSet-Cookie: x=y",
        "/" + "a" * 3000,
    ],
)
def test_anything_else_falls_back(path):
    assert safe_next(path) == HOME_PATH
