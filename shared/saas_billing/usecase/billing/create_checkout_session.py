"""Starts a subscription Checkout for one active, recurring price.

For an account, the session uses the account's own Stripe customer (created on the first checkout) and
carries the account id as `client_reference_id` and subscription metadata, so webhooks link it. Every
session is recorded with its owner, so the success page can tell the owner from anyone holding the URL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from saas_billing.domain.errors import CustomerNotFound, InactivePrice
from saas_billing.domain.ids import require_id
from saas_billing.infra.exception.errors import BadRequest
from saas_billing.infra.metrics import count
from saas_billing.usecase.catalog.offered_price import with_offered_price
from saas_billing.usecase.idempotency import derived_key, time_bucket

if TYPE_CHECKING:
    from saas_billing.domain.schemas.billing.checkout import CheckoutSession
    from saas_billing.domain.schemas.catalog.catalog_item import CatalogPrice, CatalogProduct
    from saas_billing.infra.external_api.interface.catalog_gateway import CatalogGateway
    from saas_billing.infra.external_api.interface.checkout_gateway import CheckoutGateway
    from saas_billing.infra.mixins.clock import Clock
    from saas_billing.repo.interface.checkout_session_repository import CheckoutSessionRepository
    from saas_billing.usecase.billing.billing_customer import EnsureBillingCustomer
    from saas_billing.usecase.billing.one_subscription import OneSubscriptionPerAccount
    from saas_billing.usecase.catalog.list_catalog import ListCatalog

# Long enough to cover a double click or an impatient second click, short enough that a customer who
# comes back later gets a fresh session.
DOUBLE_CLICK_WINDOW_SECONDS = 10


@dataclass(frozen=True)
class CheckoutInput:
    price_id: str
    success_url: str
    cancel_url: str
    # Tells apart two people buying the same plan at the same moment (the pricing form's per-page token,
    # else the client's address and user agent); a double click repeats it.
    client_token: str
    email: str | None = None
    customer_id: str | None = None
    client_key: str | None = None  # an explicit Idempotency-Key header from an API client
    account_id: str | None = None  # the signed-in owner: their customer, and the link for webhooks


def checkout_idempotency_key(checkout: CheckoutInput, bucket: int) -> str:
    """Same price, buyer, browser, URLs and 10-second window: same key, so Stripe returns the same session.

    A double click that straddles a window boundary makes a second open session; that is harmless
    (an unpaid session just expires) and rarer than sharing one session between strangers.
    """
    if checkout.client_key:
        # Scoped to the account: two users who both send "Idempotency-Key: 1" must not meet at Stripe.
        return derived_key("checkout", "client", checkout.account_id or "", checkout.client_key)
    buyer = checkout.customer_id or checkout.email or ""  # exact: Stripe compares the parameters
    return derived_key(
        "checkout",
        checkout.price_id,
        buyer,
        checkout.client_token,
        checkout.account_id or "",
        checkout.success_url,
        checkout.cancel_url,
        bucket,
    )


class CreateCheckoutSession:
    def __init__(
        self,
        catalog: CatalogGateway,
        checkout: CheckoutGateway,
        clock: Clock,
        customers: EnsureBillingCustomer | None = None,
        *,
        sessions: CheckoutSessionRepository,
        cached_catalog: ListCatalog | None = None,
        guard: OneSubscriptionPerAccount | None = None,
    ) -> None:
        self._catalog = catalog
        self._cached_catalog = cached_catalog
        self._checkout = checkout
        self._clock = clock
        self._customers = customers
        self._sessions = sessions
        self._guard = guard

    def execute(self, checkout: CheckoutInput) -> CheckoutSession:
        if checkout.customer_id:
            require_id(checkout.customer_id, "customer")
        # Checked against the cached catalog (listed once if cold), so every checkout after a container's
        # first makes one Stripe call.
        return with_offered_price(
            checkout.price_id,
            self._catalog,
            self._cached_catalog,
            _require_offered,
            lambda price: self._checkout_with_customer(price.id, checkout),
        )

    def _checkout_with_customer(self, price_id: str, checkout: CheckoutInput) -> CheckoutSession:
        if checkout.account_id and self._guard:
            self._guard.refuse_if_subscribed(checkout.account_id)  # before a customer is created
        if checkout.account_id and self._customers and not checkout.customer_id:
            # After the price checks, so a bad request never creates a customer.
            with_customer = replace(checkout, customer_id=self._customers.execute(checkout.account_id))
            try:
                return self._open(price_id, with_customer)
            except CustomerNotFound:  # the stored customer was deleted at Stripe: replace it once
                fresh = self._customers.replace(checkout.account_id, with_customer.customer_id or "")
                return self._open(price_id, replace(checkout, customer_id=fresh))
        return self._open(price_id, checkout)

    def _open(self, price_id: str, checkout: CheckoutInput) -> CheckoutSession:
        # Imported when a session is opened: the checkout function's pages never open one.
        from saas_billing.domain.schemas.billing.checkout import CheckoutRequest
        from saas_billing.domain.schemas.billing.issued_checkout import IssuedCheckoutSession

        now = self._clock.now()
        key = checkout_idempotency_key(checkout, time_bucket(now, DOUBLE_CLICK_WINDOW_SECONDS))
        request = CheckoutRequest(
            price_id=price_id,
            success_url=checkout.success_url,
            cancel_url=checkout.cancel_url,
            idempotency_key=key,
            customer_email=None if checkout.customer_id else checkout.email,
            customer_id=checkout.customer_id,
            account_id=checkout.account_id,
        )
        if checkout.account_id and self._guard:
            session = self._guard.open(
                checkout.account_id, key, now, lambda: self._checkout.create_checkout_session(request)
            )
        else:
            session = self._checkout.create_checkout_session(request)
        # A replayed create returns the same session; the first record (and owner) stays.
        self._sessions.add(IssuedCheckoutSession(id=session.id, account_id=checkout.account_id, created=now))
        count("CheckoutSessionsCreated")
        return session


def _require_offered(price: CatalogPrice, product: CatalogProduct) -> None:
    if not price.active or not product.active:
        raise InactivePrice(f"Price '{price.id}' is no longer offered; pick a plan on the pricing page")
    if price.interval is None:
        raise BadRequest(f"Price '{price.id}' is a one-time price; a subscription needs a recurring price")
