"""The sign-in delay holds a Lambda container while it waits: with the template's defaults, the busiest
the gateway lets the password routes be must fit in the auth function's reserved concurrency, or
delayed attempts alone would fill it. Changing the delay or either template default alone fails here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from saas_billing.infra.settings.app_settings import AppSettings
from saas_billing.usecase.auth.login_throttle import LoginThrottle, ThrottlePolicy
from scripts.template_model import load_template
from tests.support.auth_fakes import FakeFailures

HASH_SECONDS = 0.2  # one argon2id verification at the default cost, with margin
FORGOT_FLOOR_SECONDS = 0.4  # routes/account_routes.py: forgot-password's answer waits this long
HEADROOM = 0.6  # "well under": the delayed sign-ins may take at most this share of the reservation


def parameter(name: str) -> float:
    return float(load_template()["Parameters"][name]["Default"])


def max_delay() -> float:
    return AppSettings.model_fields["login_max_delay_seconds"].default


def test_delayed_sign_ins_at_the_route_rate_limit_stay_well_under_the_auth_reservation():
    rate, reserved = parameter("PasswordRouteRateLimit"), parameter("AuthReservedConcurrency")
    busy = rate * (max_delay() + HASH_SECONDS)  # containers held, at most, by POST /v1/auth/login
    assert busy <= HEADROOM * reserved, (busy, reserved)
    assert ThrottlePolicy.max_delay_seconds == max_delay()  # the use case's own default agrees


def test_every_password_route_at_its_limit_together_still_fits_the_auth_reservation():
    """Each throttled route has its own rate limit: all of them at once, login delayed at the maximum."""
    routes = load_template()["Resources"]["HttpApi"]["Properties"]["RouteSettings"]
    limited = [r for r, s in routes.items() if s["ThrottlingRateLimit"] == {"Ref": "PasswordRouteRateLimit"}]
    rate, reserved = parameter("PasswordRouteRateLimit"), parameter("AuthReservedConcurrency")
    held = {route: HASH_SECONDS for route in limited}
    held["POST /v1/auth/login"] += max_delay()
    held["POST /v1/auth/password/forgot"] = FORGOT_FLOOR_SECONDS
    assert rate * sum(held.values()) < reserved, (held, reserved)


def test_failures_against_a_string_that_is_no_account_delay_no_more_than_against_a_real_one():
    policy = ThrottlePolicy(timedelta(minutes=15), max_per_email=5, max_per_ip=30)
    throttle = LoginThrottle(FakeFailures(), policy)
    now = datetime.now(UTC)
    delays = {}
    for email in ("ada@example.com", "no-such-account@example.com", "not an address at all"):
        delays[email] = [
            throttle.admit(email, f"198.51.100.{n}", now).delay_seconds for n in range(60)
        ]  # every attempt a failure, each from its own address
    assert len({tuple(d) for d in delays.values()}) == 1  # the same figure gives the same delay
    assert max(delays["no-such-account@example.com"]) == policy.max_delay_seconds
