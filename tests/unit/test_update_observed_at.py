"""A change made at Stripe is stored under the time Stripe answered, never the time we asked: a webhook
or another request answered in between must not look newer than what Stripe told us last."""

from __future__ import annotations

import pytest

from saas_billing.infra.external_api.service.in_memory.gateway import InMemoryGateway
from saas_billing.usecase.billing.cancel_subscription import CancelSubscription
from saas_billing.usecase.billing.change_plan import ChangePlan, ResumeSubscription
from saas_billing.usecase.billing.record_subscription import RecordSubscription
from tests.fakes.clock import FakeClock
from tests.support.subscriptions import subscribe

STRIPE_SECONDS = 7  # how long Stripe takes to answer


class SlowStripe(InMemoryGateway):
    """Stripe takes its time over every subscription update."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__()
        self.clock = clock

    def change_subscription_price(self, *args, **kwargs):
        self.clock.advance(seconds=STRIPE_SECONDS)
        return super().change_subscription_price(*args, **kwargs)

    def resume_subscription(self, *args, **kwargs):
        self.clock.advance(seconds=STRIPE_SECONDS)
        return super().resume_subscription(*args, **kwargs)

    def cancel_subscription(self, *args, **kwargs):
        self.clock.advance(seconds=STRIPE_SECONDS)
        return super().cancel_subscription(*args, **kwargs)


def collaborators(stripe, repository, clock):
    return stripe, repository, RecordSubscription(repository, clock), clock


@pytest.mark.parametrize(
    "update",
    [
        lambda c, sub: ChangePlan(*c, catalog=c[0]).execute(sub, "price_pro_monthly", "acct_me"),
        lambda c, sub: CancelSubscription(*c).execute(sub, at_period_end=True, account_id="acct_me"),
        lambda c, sub: (
            CancelSubscription(*c).execute(sub, at_period_end=True),
            ResumeSubscription(*c).execute(sub, "acct_me"),
        )[1],
    ],
    ids=["change-plan", "cancel", "resume"],
)
def test_the_stored_state_is_stamped_when_stripe_answered(repository, update):
    clock = FakeClock()
    stripe = SlowStripe(clock)
    subscription_id = subscribe(stripe, repository, account_id="acct_me", clock=clock)
    saved = update(collaborators(stripe, repository, clock), subscription_id)
    assert saved.stripe_observed_at == clock.now().timestamp(), "after Stripe's answer, not before the call"
