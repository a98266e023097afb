"""The login throttle's batched reads and deletes on MongoDB (either tier) give what one call per key gives."""

from __future__ import annotations

from datetime import timedelta

from saas_billing.repo.mongodb.login_failure_repo import MongoLoginFailureRepository


def test_latest_expiries_of_several_keys_match_one_read_per_key(database, clock):
    failures = MongoLoginFailureRepository(database)
    now = clock.now()
    for minutes in (15, 20, 5, 30, 25):
        failures.record(["email:x", "ip:1"], now, now + timedelta(minutes=minutes))
    failures.record(["email:x"], now, now - timedelta(minutes=1))  # expired, not yet swept
    failures.record(["pair:other"], now, now + timedelta(minutes=40))
    limits = {"email:x": 3, "ip:1": 10, "pair:none": 2}
    latest = failures.latest_expiries_of(limits, now)
    assert latest == {key: failures.latest_expiries(key, now, limit) for key, limit in limits.items()}
    assert latest["email:x"] == [now + timedelta(minutes=m) for m in (30, 25, 20)]
    assert len(latest["ip:1"]) == 5 and latest["pair:none"] == []
    assert failures.latest_expiries_of({}, now) == {}


def test_forget_and_clear_removes_the_attempt_and_the_keys_records_only(database, clock):
    failures = MongoLoginFailureRepository(database)
    now, later = clock.now(), clock.now() + timedelta(minutes=15)
    failures.record(["pair:a"], now, later)
    attempt = failures.record(["pair:a", "ip:1", "email:x"], now, later)
    kept = failures.record(["ip:1"], now, later)
    failures.forget_and_clear(attempt, "pair:a")
    remaining = {(d["key"], str(d["_id"])) for d in database["login_failures"].find()}
    assert remaining == {("ip:1", kept[0])}
