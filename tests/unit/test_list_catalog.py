from saas_billing.domain.schemas.catalog.catalog_item import CatalogFeature, CatalogPrice, CatalogProduct
from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
from saas_billing.infra.mixins.ttl_cache import TtlCache
from saas_billing.usecase.catalog.list_catalog import ListCatalog


class CountingCatalog(CatalogGateway):
    def __init__(self, rows):
        self.rows = rows
        self.calls = 0
        self.feature_calls = []

    def list_active_prices(self):
        self.calls += 1
        return list(self.rows)

    def get_price(self, price_id):
        raise NotImplementedError

    def list_product_features(self, product_id):
        self.feature_calls.append(product_id)
        return FEATURES.get(product_id, ())


def price(price_id, product_id, amount, active=True, interval="month"):
    return CatalogPrice(price_id, product_id, "usd", amount, interval, 1, active)


PRO = CatalogProduct("prod_pro", "Pro", "For teams")
STARTER = CatalogProduct("prod_starter", "Starter", None)
FEATURES = {"prod_pro": (CatalogFeature("support.priority", "Priority support"),)}


class Clock:
    now = 0.0

    def __call__(self):
        return self.now


def test_groups_prices_under_their_product_cheapest_first():
    gateway = CountingCatalog(
        [
            (price("price_pro_y", "prod_pro", 29000, interval="year"), PRO),
            (price("price_start_m", "prod_starter", 900), STARTER),
            (price("price_pro_m", "prod_pro", 2900), PRO),
        ]
    )
    catalog = ListCatalog(gateway, TtlCache(60)).execute()
    assert [entry.product.id for entry in catalog] == ["prod_starter", "prod_pro"]
    assert [p.id for p in catalog[1].prices] == ["price_pro_m", "price_pro_y"]
    assert all(entry.product.features == () for entry in catalog) and gateway.feature_calls == []


def test_inactive_prices_are_left_out_and_a_product_without_active_prices_disappears():
    gateway = CountingCatalog(
        [
            (price("price_old", "prod_pro", 100, active=False), PRO),
            (price("price_s", "prod_starter", 900), STARTER),
        ]
    )
    catalog = ListCatalog(gateway, TtlCache(60)).execute()
    assert [entry.product.id for entry in catalog] == ["prod_starter"]


def test_warm_calls_within_the_ttl_make_no_gateway_call_and_expiry_reloads():
    clock = Clock()
    gateway = CountingCatalog([(price("price_s", "prod_starter", 900), STARTER)])
    cache = TtlCache(300, clock=clock)
    ListCatalog(gateway, cache).execute()
    clock.now = 299
    ListCatalog(gateway, cache).execute()
    assert gateway.calls == 1
    clock.now = 301
    ListCatalog(gateway, cache).execute()
    assert gateway.calls == 2


def test_features_are_listed_once_per_product_per_refresh_and_only_when_asked():
    clock = Clock()
    gateway = CountingCatalog(
        [(price("price_s", "prod_starter", 900), STARTER), (price("price_pro_m", "prod_pro", 2900), PRO)]
    )
    cache = TtlCache(300, clock=clock)
    plain = ListCatalog(gateway, cache).execute()
    featured = ListCatalog(gateway, cache).execute(with_features=True)
    ListCatalog(gateway, cache).execute(with_features=True)
    assert [e.product.features for e in featured] == [(), FEATURES["prod_pro"]]
    assert [e.prices for e in featured] == [e.prices for e in plain]
    assert (gateway.calls, gateway.feature_calls) == (1, ["prod_starter", "prod_pro"])
    clock.now = 301
    ListCatalog(gateway, cache).execute(with_features=True)
    assert (gateway.calls, len(gateway.feature_calls)) == (2, 4)
