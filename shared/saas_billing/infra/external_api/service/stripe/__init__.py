"""The Stripe adapter. stripe is imported here, before any module of the package uses it.

stripe-python picks its default HTTP client when imported, importing `requests` (~35 ms) to see whether
it is installed. The adapter never uses that default: every StripeClient gets its own RequestsClient
(gateway.build_stripe_client), which imports requests when it is made. So requests is held back while
stripe is imported, and verifying a webhook's signature, which makes no HTTP call, does not load it.
"""

from saas_billing.infra.mixins.held_imports import import_holding_back

import_holding_back("stripe", "requests")
