"""An id from outside is matched literally by every MongoDB repository (either tier): a dict such as
`{"$ne": "x"}` is a value that equals no stored id, never an operator that matches them all."""

from __future__ import annotations

from datetime import timedelta

from saas_billing.domain.schemas.billing.issued_checkout import IssuedCheckoutSession
from saas_billing.domain.schemas.billing.subscription import ApplyOutcome
from saas_billing.domain.schemas.billing.subscription_change import SubscriptionChange
from saas_billing.domain.schemas.webhooks.stripe_event import CLAIM_LEASE, ClaimStatus
from saas_billing.repo.interface.subscription_repository import SubscriptionFilter
from saas_billing.repo.interface.sync_checkpoint_repository import SyncCheckpoint
from saas_billing.repo.mongodb.billing_notice_repository import MongoBillingNoticeRepository
from saas_billing.repo.mongodb.checkout_session_repository import MongoCheckoutSessionRepository
from saas_billing.repo.mongodb.device_session_repo import MongoDeviceSessionRepository
from saas_billing.repo.mongodb.login_failure_repo import MongoLoginFailureRepository
from saas_billing.repo.mongodb.subscription_repository import MongoSubscriptionRepository
from saas_billing.repo.mongodb.sync_checkpoint_repository import MongoSyncCheckpointRepository
from saas_billing.repo.mongodb.user_repo import MongoUserRepository
from saas_billing.repo.mongodb.webhook_event_repository import MongoWebhookEventRepository
from tests.fakes.clock import FakeClock
from tests.integration.test_auth_mongo_repos import session, user
from tests.integration.test_webhook_side_stores import notice
from tests.support.subscriptions import snapshot

ANY = {"$ne": "nothing"}  # as an operator, it matches every document
NOW = FakeClock().now()


def test_subscriptions(database):
    subscriptions = MongoSubscriptionRepository(database)
    subscriptions.apply(snapshot(1000, account_id="user_ada"), NOW)
    assert subscriptions.get(ANY) is None
    assert subscriptions.list(SubscriptionFilter(customer_id=ANY), 10).items == []
    assert subscriptions.list(SubscriptionFilter(account_id=ANY), 10).items == []
    change = SubscriptionChange(id=ANY, observed_at=2000, status="canceled")
    assert subscriptions.apply_change(change, NOW) is ApplyOutcome.MISSING
    assert subscriptions.get("sub_123").status == "active"


def test_webhook_events(database):
    ledger = MongoWebhookEventRepository(database)
    claimed = ledger.claim("evt_1", "invoice.paid", NOW, NOW + CLAIM_LEASE)
    assert ledger.status(ANY, NOW) is None
    assert ledger.mark_processed(ANY, claimed.token, NOW, NOW + timedelta(days=4), "x") is False
    assert ledger.mark_processed("evt_1", ANY, NOW, NOW + timedelta(days=4), "x") is False
    ledger.release(ANY, ANY)
    assert ledger.claim("evt_1", "invoice.paid", NOW, NOW + CLAIM_LEASE).status is ClaimStatus.IN_PROGRESS


def test_billing_notices(database):
    notices = MongoBillingNoticeRepository(database)
    notices.add(notice("evt_1"))
    assert notices.list_for_subscription(ANY) == []


def test_checkout_sessions(database):
    sessions = MongoCheckoutSessionRepository(database)
    sessions.add(IssuedCheckoutSession("cs_test_1", "user_ada", NOW))
    assert sessions.get(ANY, NOW) is None
    assert sessions.get("cs_test_1", NOW).account_id == "user_ada"


def test_sync_checkpoints(database):
    checkpoints = MongoSyncCheckpointRepository(database)
    checkpoints.set("stripe_subscriptions", SyncCheckpoint(1000.5), NOW)
    assert checkpoints.get(ANY) is None


def test_users(database):
    users = MongoUserRepository(database)
    users.add(user())
    assert users.get(ANY) is None
    assert users.by_email(ANY) is None
    assert users.claim_stripe_customer(ANY, "cus_1") is None
    assert users.claim_stripe_customer("u1", "cus_1", replacing=ANY) is None  # `replacing` no customer yet
    assert users.claim_stripe_customer("u1", "cus_1") == "cus_1"


def test_device_sessions_and_login_failures(database):
    sessions = MongoDeviceSessionRepository(database)
    sessions.add(session(NOW))
    assert sessions.get(ANY, NOW) is None
    assert sessions.by_refresh_hash(ANY, NOW) is None
    assert sessions.list_for_user(ANY, NOW) == []
    assert sessions.delete(ANY) is False and sessions.delete_for_user(ANY) == 0
    failures = MongoLoginFailureRepository(database)
    failures.record(["k"], NOW, NOW + timedelta(minutes=15))
    assert failures.latest_expiries(ANY, NOW, 10) == []
