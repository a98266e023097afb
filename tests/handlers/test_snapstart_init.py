"""SnapStart snapshots each function right after init: init must open no connection and register its hooks.

Each function's handler is imported and built in a fresh interpreter with socket connects refused and
recorded, with a MongoDB URI and a Stripe key set so a client made eagerly would show; a stand-in for the
runtime's snapshot_restore_py records what registers with it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.template_model import functions

ROOT = Path(__file__).resolve().parents[2]

SNIPPET = """
import json, socket, sys, types
registered = {{"before": [], "after": []}}
runtime = types.ModuleType("snapshot_restore_py")
runtime.register_before_snapshot = lambda hook: registered["before"].append(hook.__qualname__)
runtime.register_after_restore = lambda hook: registered["after"].append(hook.__qualname__)
sys.modules["snapshot_restore_py"] = runtime
connects = []
def refuse(self, address):
    connects.append(repr(address))
    raise OSError("no connection during init")
socket.socket.connect = socket.socket.connect_ex = refuse
sys.path[:0] = ["shared", "functions/{group}"]
import {module}
from saas_billing.infra.db import mongo_client
from saas_billing.infra.snapstart import hooks
before = set(sys.modules)
hooks.run_before_snapshot()
primed = sorted({{name.split(".")[0] for name in set(sys.modules) - before}})
loaded = sorted({{name.split(".")[0] for name, module in sys.modules.items() if module}})
print(json.dumps({{"connects": connects, "mongo_client": mongo_client._client is not None,
                  "before": registered["before"], "after": registered["after"], "primed": primed, "loaded": loaded}}))
"""


def init_of(group: str, module: str, **extra_env: str) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("STRIPE_", "MONGODB_", "APP_", "JWT_", "SETTINGS_"))
    }
    env.update(
        APP_STAGE="local",
        MONGODB_URI="mongodb://127.0.0.1:9/",
        STRIPE_API_KEY="sk_test_" + "x" * 24,
        STRIPE_API_BASE="http://127.0.0.1:9",
        **extra_env,
    )
    code = SNIPPET.format(group=group, module=module)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_init_opens_no_connection_and_registers_the_restore_hooks(spec):
    seen = init_of(spec.group, spec.module)
    assert seen["connects"] == [], "a connection opened during init would be in the snapshot"
    assert not seen["mongo_client"], "the MongoDB client is made on first use, not at init"
    assert "reseed_random" in seen["after"]


# What a restored environment would otherwise import on its first requests (infra/snapstart/priming.py),
# imported by the before-snapshot hooks above, with connections still refused and no client made: only
# what the function can use, by the settings it reads (function_settings.py).
DATABASE, STRIPE, TOKENS_AND_PAGES = {"pymongo", "bson"}, {"stripe", "requests"}, {"jwt", "argon2", "jinja2"}
PRIMED = {
    "auth": DATABASE | TOKENS_AND_PAGES,
    "catalog": STRIPE,
    "checkout": DATABASE | STRIPE | TOKENS_AND_PAGES,
    "customers": DATABASE | STRIPE | TOKENS_AND_PAGES,
    "subscriptions": DATABASE | STRIPE | TOKENS_AND_PAGES,
    "webhooks": DATABASE | STRIPE,
    "reconcile": DATABASE | STRIPE,
}
EVERYTHING = DATABASE | STRIPE | TOKENS_AND_PAGES


@pytest.mark.parametrize("spec", functions(), ids=lambda spec: spec.logical_id)
def test_the_snapshot_holds_what_the_function_can_use_and_nothing_else(spec):
    seen = init_of(spec.group, spec.module, SETTINGS_FUNCTION=spec.group)
    assert "import_what_first_requests_would" in seen["before"]
    assert PRIMED[spec.group] <= set(seen["loaded"]), sorted(PRIMED[spec.group] - set(seen["loaded"]))
    unused = EVERYTHING - PRIMED[spec.group]
    assert not unused & set(seen["loaded"]), sorted(unused & set(seen["loaded"]))
    assert seen["connects"] == [] and not seen["mongo_client"]


def test_a_process_that_does_not_know_its_function_primes_everything():
    seen = init_of("catalog", "catalog_handler")
    assert set(seen["loaded"]) >= EVERYTHING, sorted(EVERYTHING - set(seen["loaded"]))
    assert seen["connects"] == [] and not seen["mongo_client"]
