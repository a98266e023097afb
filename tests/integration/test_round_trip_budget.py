"""Round trips per request over a real journey, held to the budget table (wire tier only).

The measured table is written to test-artifacts/round-trips.md (git-ignored) before it is compared, so
`make round-trips` can print it even when a count is off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.round_trip_budget import BUDGET, Budget, render_markdown
from tests.support.round_trips import Containers, freeze_time, measure, use_wire_server
from tests.unit.test_stripe_call_per_method import CALLS as ONE_REQUEST_EACH

REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "round-trips.md"


def test_every_request_stays_within_its_round_trip_budget(wire_uri, monkeypatch, clock):
    if wire_uri is None:
        pytest.skip("command monitoring needs the wire tier (--mongo=wire)")
    containers = Containers(wire_uri)
    use_wire_server(monkeypatch, containers)
    freeze_time(monkeypatch, clock)
    runs = measure(containers)
    warm, cold = runs["warm"], runs["cold"]
    assert list(warm) == list(cold), "a warm and a cold journey make the same requests"
    measured = {
        route: Budget(warm[route].mongo, warm[route].stripe, cold[route].mongo, cold[route].stripe)
        for route in warm
    }
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(render_markdown(measured))  # what was measured, whatever the checks below say
    assert list(warm) == list(BUDGET), "the journey's requests are the table's rows"
    assert set(containers.stripe_calls) <= set(ONE_REQUEST_EACH), "each counted call is one HTTP request"
    off = {
        route: (
            f"measured {measured[route]}",
            f"budget {BUDGET[route]}",
            warm[route].detail,
            cold[route].detail,
        )
        for route in BUDGET
        if measured[route] != BUDGET[route]
    }
    assert not off, off


def test_the_table_renders_every_row_and_the_totals():
    table = {"GET /a": Budget(1, 2, 3, 4), "GET /b": Budget(10, 0, 20, 1)}
    lines = render_markdown(table).splitlines()
    assert lines[2] == "| `GET /a` | 1 | 2 | 3 | 4 |"
    assert lines[-1] == "| **journey** | **11** | **2** | **23** | **5** |"
