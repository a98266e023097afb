"""`make seed-catalog` against a recorded Stripe: the first run creates the catalog, a rerun nothing."""

from __future__ import annotations

from saas_billing.infra.external_api.service.stripe.gateway import build_stripe_client
from scripts.seed_catalog import PREFIX, main, seed_catalog
from tests.support.stripe_http import RecordingHTTPClient, error_body

LOOKUP_KEYS = [f"{PREFIX}{k}" for k in ("starter_monthly", "starter_yearly", "pro_monthly", "pro_yearly")]


def empty_list(url):
    return {"object": "list", "data": [], "has_more": False, "url": url}


def test_first_run_creates_products_and_prices_with_lookup_keys():
    http = RecordingHTTPClient()
    http.reply(200, empty_list("/v1/prices"))
    for product in ("starter", "pro"):
        http.reply(404, error_body("invalid_request_error", "No such product", "resource_missing"))
        http.reply(200, {"id": f"{PREFIX}{product}", "object": "product"})
        for n in range(2):
            http.reply(200, {"id": f"price_{product}_{n}", "object": "price"})
    report = seed_catalog(build_stripe_client("sk_test_1", max_network_retries=0, http_client=http))
    assert len(report.created) == 6 and report.existing == []
    listing = http.requests[0]
    assert (listing.method, listing.path) == ("GET", "/v1/prices")
    assert [listing.query[f"lookup_keys[{i}]"] for i in range(4)] == LOOKUP_KEYS
    product_create = http.requests[2]
    assert product_create.form["id"] == f"{PREFIX}starter" and product_create.form["name"] == "Starter"
    price_create = http.requests[3]
    assert price_create.form == {
        "product": f"{PREFIX}starter",
        "currency": "usd",
        "unit_amount": "900",
        "recurring[interval]": "month",
        "lookup_key": f"{PREFIX}starter_monthly",
    }
    assert price_create.headers["Idempotency-Key"] == f"seed-{PREFIX}starter_monthly"


def test_a_rerun_creates_nothing():
    http = RecordingHTTPClient()
    prices = [{"id": f"price_{i}", "object": "price", "lookup_key": key} for i, key in enumerate(LOOKUP_KEYS)]
    http.reply(200, {**empty_list("/v1/prices"), "data": prices})
    http.reply(200, {"id": f"{PREFIX}starter", "object": "product"})
    http.reply(200, {"id": f"{PREFIX}pro", "object": "product"})
    report = seed_catalog(build_stripe_client("sk_test_1", max_network_retries=0, http_client=http))
    assert report.created == [] and len(report.existing) == 6
    assert [r.method for r in http.requests] == ["GET", "GET", "GET"]


def test_api_base_is_honored_and_live_keys_are_refused(monkeypatch, capsys):
    monkeypatch.setenv("STRIPE_API_KEY", "sk_live_1")
    assert main([]) == 2
    assert "live-mode" in capsys.readouterr().err
    client = build_stripe_client(
        "sk_test_1", api_base="http://localhost:12111", http_client=RecordingHTTPClient()
    )
    assert client._requestor.base_addresses["api"] == "http://localhost:12111"
