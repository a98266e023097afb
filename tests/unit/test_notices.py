"""A confirmation key added to a redirect target keeps every part of it: the query gets the key, and a
`#fragment` stays last, where the browser reads it (a query after it would be part of the fragment)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from saas_billing.routes.http_response.notices import notice_text, with_notice


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/account", "/account?notice=switched"),
        ("/account#devices", "/account?notice=switched#devices"),
        ("/account?tab=plans", "/account?tab=plans&notice=switched"),
        ("/account?tab=plans#devices", "/account?tab=plans&notice=switched#devices"),
        ("/account?", "/account?notice=switched"),
    ],
)
def test_the_notice_lands_in_the_query_before_any_fragment(path, expected):
    target = with_notice(path, "switched")
    assert target == expected
    assert notice_text(parse_qs(urlsplit(target).query)["notice"][0]) == "Your plan is changed."


def test_an_unknown_key_adds_nothing():
    assert with_notice("/account#devices", "made-up") == "/account#devices"
