"""`make seed-catalog` against a recorded Stripe: the first run creates the catalog, a rerun nothing."""

from __future__ import annotations

from saas_billing.infra.external_api.service.stripe.gateway import build_stripe_client
from scripts.seed_catalog import PREFIX, SeedReport, main, seed_catalog, seed_features
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


def feature(key, feature_id=None):
    return {
        "id": feature_id or f"feat_{key}",
        "object": "entitlements.feature",
        "lookup_key": key,
        "name": key,
    }


def test_features_are_created_once_and_attached_to_their_products():
    http = RecordingHTTPClient()
    http.reply(200, {**empty_list("/v1/entitlements/features"), "data": [feature("projects.basic")]})
    for key in ("projects.unlimited", "support.priority"):
        http.reply(200, feature(key))
    starter_links = [
        {"id": "prodft_1", "object": "product_feature", "entitlement_feature": feature("projects.basic")}
    ]
    http.reply(200, {**empty_list(f"/v1/products/{PREFIX}starter/features"), "data": starter_links})
    http.reply(200, empty_list(f"/v1/products/{PREFIX}pro/features"))
    for n in range(2):
        http.reply(200, {"id": f"prodft_pro_{n}", "object": "product_feature"})
    report = SeedReport()

    seed_features(build_stripe_client("sk_test_1", max_network_retries=0, http_client=http), report)

    assert report.existing == [
        "feature projects.basic (feat_projects.basic)",
        f"feature projects.basic on {PREFIX}starter",
    ]
    assert len(report.created) == 4
    created = [r for r in http.requests if r.method == "POST"]
    assert [(r.path, r.form) for r in created] == [
        ("/v1/entitlements/features", {"lookup_key": "projects.unlimited", "name": "Unlimited projects"}),
        ("/v1/entitlements/features", {"lookup_key": "support.priority", "name": "Priority support"}),
        (f"/v1/products/{PREFIX}pro/features", {"entitlement_feature": "feat_projects.unlimited"}),
        (f"/v1/products/{PREFIX}pro/features", {"entitlement_feature": "feat_support.priority"}),
    ]
    assert created[2].headers["Idempotency-Key"] == f"seed-{PREFIX}pro-projects.unlimited"


def test_a_rerun_of_the_features_creates_nothing():
    http = RecordingHTTPClient()
    keys = ("projects.basic", "projects.unlimited", "support.priority")
    http.reply(200, {**empty_list("/v1/entitlements/features"), "data": [feature(k) for k in keys]})
    for product, product_keys in (("starter", keys[:1]), ("pro", keys[1:])):
        links = [
            {"id": f"prodft_{k}", "object": "product_feature", "entitlement_feature": feature(k)}
            for k in product_keys
        ]
        http.reply(200, {**empty_list(f"/v1/products/{PREFIX}{product}/features"), "data": links})
    report = SeedReport()
    seed_features(build_stripe_client("sk_test_1", max_network_retries=0, http_client=http), report)
    assert report.created == [] and len(report.existing) == 6
    assert [r.method for r in http.requests] == ["GET", "GET", "GET"]
