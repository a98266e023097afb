"""SnapStart priming: what requests import on first use is imported before the snapshot instead.

Without SnapStart, keeping pymongo, stripe, requests, jwt, argon2 and jinja2 out of init keeps a cold
start short for requests that never need them. With it the trade reverses: init runs once per published
version, and every environment restored from the snapshot would pay those imports again on its first
request. So before the snapshot, the modules the function can use (by the settings it reads) are
imported and, where it renders pages, the templates loaded. Only imports: no client, no connection,
nothing unique (hooks.py says why).
"""

from __future__ import annotations

import importlib

from saas_billing.infra.snapstart.hooks import before_snapshot

# What to import before the snapshot, by a setting the function reads (function_settings.py): a function
# that reads none of them never needs the modules. A package brings every module in it.
PRIMED_BY_SETTING = {
    "mongodb_uri": ("saas_billing.repo.mongodb",),  # the repositories, and pymongo
    # The adapter imports requests only when it makes a client (its package docstring).
    "stripe_api_key": ("saas_billing.infra.external_api.service.stripe", "requests"),
    "jwt_signing_keys": ("saas_billing.infra.security.service",),  # tokens and passwords
}
# The functions that take sign-ins are the ones that render pages: their snapshot holds the templates.
PAGES_SETTING = "jwt_signing_keys"


@before_snapshot
def import_what_first_requests_would() -> None:
    import pkgutil  # the hook runs only under SnapStart: an on-demand init does not import it

    from saas_billing.infra.settings.function_settings import every_parameter_name, settings_for
    from saas_billing.infra.settings.ssm_source import current_function

    function = current_function()  # set in every deployed function; without it, prime everything
    names = set(settings_for(function).names) if function else every_parameter_name()
    for setting, modules in PRIMED_BY_SETTING.items():
        for name in modules if setting in names else ():
            module = importlib.import_module(name)
            for inner in pkgutil.iter_modules(getattr(module, "__path__", [])):
                importlib.import_module(f"{name}.{inner.name}")
    if PAGES_SETTING in names:
        from saas_billing.routes.http_response.pages import load_every_template

        load_every_template()
