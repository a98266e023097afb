"""Moves a subscription to another plan of the catalog (Stripe prorates), and resumes a scheduled end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from saas_billing.domain.errors import NotScheduledToEnd, PriceNotFound, SamePrice
from saas_billing.usecase.billing.subscription_update import SubscriptionUpdate
from saas_billing.usecase.catalog.offered_price import with_offered_price
from saas_billing.usecase.idempotency import derived_key

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.subscription import SavedSubscription, SubscriptionSnapshot
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct
    from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
    from saas_billing.usecase.catalog.list_catalog import ListCatalog


class ChangePlan(SubscriptionUpdate):
    def __init__(
        self, *collaborators: Any, catalog: CatalogGateway, cached_catalog: ListCatalog | None = None
    ) -> None:
        """SubscriptionUpdate's collaborators, and the catalog the new price must be on: the container's
        cached one when it lists the price (what the pricing and account pages showed), else a read."""
        super().__init__(*collaborators)
        self._catalog = catalog
        self._cached_catalog = cached_catalog

    def execute(
        self, subscription_id: str, price_id: str, account_id: str | None = None
    ) -> SavedSubscription:
        """Someone else's subscription or a price not on offer is a 404; the price it is on, a 400."""
        saved = self._live(subscription_id, account_id)

        def change(price: CatalogPrice) -> SubscriptionSnapshot:
            if price.id == saved.price_id:
                raise SamePrice(f"Subscription '{saved.id}' is already on price '{price.id}'")
            # The stored version is part of the key: a resubmitted form repeats nothing, while switching
            # back later (a newer stored state) is a new request at Stripe.
            key = derived_key("change-plan", saved.id, saved.price_id, price.id, saved.stripe_observed_at)
            return self._gateway.change_subscription_price(saved.id, price.id, key, self._observed_at())

        snapshot = with_offered_price(price_id, self._catalog, self._cached_catalog, _require_plan, change)
        return self._store(snapshot)


class ResumeSubscription(SubscriptionUpdate):
    def execute(self, subscription_id: str, account_id: str | None = None) -> SavedSubscription:
        """Undoes cancel at period end (or a scheduled end date); 400 when nothing is scheduled."""
        saved = self._live(subscription_id, account_id)
        if saved.ends_at is None:
            raise NotScheduledToEnd()
        scheduled_date_only = not saved.cancel_at_period_end
        snapshot = self._gateway.resume_subscription(saved.id, scheduled_date_only, self._observed_at())
        return self._store(snapshot)


def _require_plan(price: CatalogPrice, product: CatalogProduct) -> None:
    if not (price.active and product.active and price.interval):
        raise PriceNotFound(f"Price '{price.id}' is not a plan on offer; pick one on the pricing page")
