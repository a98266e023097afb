"""Every collection's indexes, declared once. The migration brings a database to them at deploy time;
request-serving functions never create indexes.

Names are part of the declaration: a changed key or option under the same name is replaced by the
migration, and names already deployed are kept so an unchanged index is never rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ASC, DESC = 1, -1


@dataclass(frozen=True)
class IndexSpec:
    name: str
    keys: tuple[tuple[str, int], ...]
    unique: bool = False
    expire_after_seconds: int | None = None

    def options(self) -> dict[str, Any]:
        """The options that make two indexes of one key pattern different, as the server reports them."""
        options: dict[str, Any] = {}
        if self.unique:
            options["unique"] = True
        if self.expire_after_seconds is not None:
            options["expireAfterSeconds"] = self.expire_after_seconds
        return options


def _ttl(name: str, field: str) -> IndexSpec:
    """Documents go when `field` passes; queries check it too, since the sweep runs about once a minute."""
    return IndexSpec(name, ((field, ASC),), expire_after_seconds=0)


COLLECTION_INDEXES: dict[str, tuple[IndexSpec, ...]] = {
    "users": (
        IndexSpec("email_unique", (("email", ASC),), unique=True),
        # entitlement webhooks name only the Stripe customer: the account is found through it
        IndexSpec("stripe_customer_id_1", (("stripe_customer_id", ASC),)),
    ),
    "device_sessions": (
        _ttl("refresh_expiry_ttl", "refresh_expiry"),
        IndexSpec("user_id", (("user_id", ASC),)),
        IndexSpec("refresh_token_hash", (("refresh_token_hash", ASC),)),
        IndexSpec("previous_refresh_hashes", (("previous_refresh_hashes", ASC),)),
    ),
    "login_failures": (
        _ttl("expires_at_ttl", "expires_at"),
        IndexSpec("key_expires_at", (("key", ASC), ("expires_at", DESC))),
    ),
    "account_tokens": (  # _id is the account and purpose: one live token of each
        _ttl("expires_at_ttl", "expires_at"),
        IndexSpec("token_hash_unique", (("token_hash", ASC),), unique=True),
    ),
    "subscriptions": (
        IndexSpec("stripe_subscription_id_1", (("stripe_subscription_id", ASC),), unique=True),
        IndexSpec("stripe_customer_id_1_created_at_-1", (("stripe_customer_id", ASC), ("created_at", DESC))),
        IndexSpec("account_id_1_created_at_-1", (("account_id", ASC), ("created_at", DESC))),
    ),
    "stripe_webhook_events": (
        IndexSpec("stripe_event_id_1", (("stripe_event_id", ASC),), unique=True),
        _ttl("expires_at_1", "expires_at"),
    ),
    "billing_notices": (
        IndexSpec(
            "kind_1_stripe_subscription_id_1_due_at_1",
            (("kind", ASC), ("stripe_subscription_id", ASC), ("due_at", ASC)),
            unique=True,
        ),
        IndexSpec("account_id_1_created_at_1", (("account_id", ASC), ("created_at", ASC))),
    ),
    "sync_checkpoints": (),  # looked up by _id only
    "checkout_sessions": (_ttl("expires_at_ttl", "expires_at"),),  # looked up by _id (the session id)
    # _id is the account: the primary key makes one live Checkout per account an atomic claim.
    "checkout_reservations": (_ttl("expires_at_ttl", "expires_at"),),
    # _id is the key's public id (authentication reads by it); the admin's list is newest first.
    "api_keys": (IndexSpec("created_at_-1", (("created_at", DESC),)),),
    # _id is the key and its window's start: counting is one upsert; the TTL index sweeps ended windows.
    "request_counters": (_ttl("expires_at_ttl", "expires_at"),),
    # _id is the Stripe customer; an account's features are found by its id, newest first.
    "entitlements": (IndexSpec("account_id_1_observed_at_-1", (("account_id", ASC), ("observed_at", DESC))),),
}
