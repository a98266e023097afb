"""SnapStart priming: what requests import on first use is imported before the snapshot instead.

Without SnapStart, keeping pymongo, stripe, requests, jwt, argon2 and jinja2 out of init keeps a cold start short
for requests that never need them. With it the trade reverses: init runs once per published version,
and every environment restored from the snapshot would pay those imports again on its first request.
So before the snapshot, the modules that import them lazily are imported and the page templates loaded.
Only imports: no client, no connection, nothing unique (hooks.py says why).
"""

from __future__ import annotations

import importlib

from saas_billing.infra.snapstart.hooks import before_snapshot

# Every module of these packages: the MongoDB repositories, the Stripe adapter, tokens and passwords.
PRIMED_PACKAGES = (
    "saas_billing.repo.mongodb",
    "saas_billing.infra.external_api.service.stripe",
    "saas_billing.infra.security.service",
)
# And requests, which the Stripe adapter imports only when it makes a client (its package docstring).
PRIMED_MODULES = ("requests",)


@before_snapshot
def import_what_first_requests_would() -> None:
    import pkgutil  # the hook runs only under SnapStart: an on-demand init does not import it

    for package in PRIMED_PACKAGES:
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")
    for name in PRIMED_MODULES:
        importlib.import_module(name)
    from saas_billing.routes.http_response.pages import load_every_template

    load_every_template()
