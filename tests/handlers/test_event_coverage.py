"""Every committed event is driven by a handler test, and every HTTP route has at least one event."""

from __future__ import annotations

import importlib
from pathlib import Path

from scripts.template_model import functions
from tests.support.lambda_events import all_event_paths, load_event


def expected_tables() -> dict[str, tuple]:
    merged: dict[str, tuple] = {}
    for path in sorted(Path(__file__).parent.glob("test_*_events.py")):
        module = importlib.import_module(f"tests.handlers.{path.stem}")
        merged.update(getattr(module, "EXPECTED", {}))
    return merged


def test_every_event_file_has_an_expected_outcome():
    assert set(all_event_paths()) - set(expected_tables()) == set()


def test_every_expected_outcome_names_an_existing_event():
    assert set(expected_tables()) - set(all_event_paths()) == set()


def test_every_http_event_matches_a_route_of_its_function():
    for event_path in all_event_paths():
        event = load_event(event_path)
        if "routeKey" not in event:
            continue
        group = event_path.split("/", 1)[0]
        spec = next(s for s in functions() if s.group == group)
        assert event["routeKey"] in {f"{r.method} {r.path}" for r in spec.routes}, event_path


def test_every_http_route_has_an_event():
    route_keys = {load_event(p).get("routeKey") for p in all_event_paths()}
    for spec in functions():
        for route in spec.routes:
            assert f"{route.method} {route.path}" in route_keys, f"{spec.logical_id}: no event for {route}"
