"""Cold-path weight: a function imports stripe only when it calls Stripe, and jinja2 only to render pages.

Each check runs in a fresh interpreter, like a Lambda cold start, with the offline local stage.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SNIPPET = """
import json, sys
sys.path[:0] = ["shared", "functions/{group}", "."]
import {group}_handler
from tests.support.lambda_events import invoke, load_event
statuses = [invoke({group}_handler.handler, load_event(path)).status for path in {events!r}]
print(json.dumps({{"statuses": statuses, "stripe": "stripe" in sys.modules, "jinja2": "jinja2" in sys.modules}}))
"""


def cold_start(group: str, events: list[str]) -> dict:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "MONGODB_", "APP_", "SETTINGS_"))
    }
    env["APP_STAGE"] = "local"
    code = SNIPPET.format(group=group, events=events)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("group", "events"),
    [
        (
            "subscriptions",
            ["subscriptions/list_subscriptions.json", "subscriptions/get_subscription_unknown.json"],
        ),
        ("customers", []),
    ],
)
def test_reading_saved_data_imports_neither_stripe_nor_jinja2(group, events):
    seen = cold_start(group, events)
    assert all(status < 500 for status in seen["statuses"]), seen
    assert not seen["stripe"] and not seen["jinja2"], seen


def test_only_the_page_function_imports_jinja2():
    seen = cold_start("checkout", ["checkout/cancel_page.json"])
    assert seen["statuses"] == [200]
    assert seen["jinja2"] and not seen["stripe"], seen
