"""What the OpenAPI document says about the API as a whole: its description, the tags in flow order and
the ways to authenticate (openapi_document.py applies them)."""

from __future__ import annotations

TAGS = [
    {"name": "auth", "description": "Sign up, sign in (tokens for API clients, cookies for browsers), "
     "refresh, sign out, devices, email verification and password reset. Start here: the other groups "
     "need the access token."},
    {"name": "catalog", "description": "The products and prices one can subscribe to (public)."},
    {"name": "checkout", "description": "The pricing page, a Stripe Checkout session for a price, and the "
     "pages Stripe sends the customer back to."},
    {"name": "subscriptions", "description": "Your saved subscriptions, cancelling, and the Stripe "
     "customer portal; an admin sees everyone's."},
    {"name": "customers", "description": "Stripe customers (admins only)."},
    {"name": "api-keys", "description": "Service API keys for the team's own backends (admins only): "
     "created with a scope, shown once, revoked at once."},
    {"name": "service", "description": "Server to server, with a service API key: what an account may "
     "use."},
    {"name": "webhooks", "description": "Stripe's events: signature-verified, applied once, in any order."},
]  # fmt: skip

SECURITY_SCHEMES = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "The `access_token` from `POST /v1/auth/login` (15 minutes; renew it with "
        "`POST /v1/auth/refresh`). Paste it under Authorize.",
    },
    "sessionCookie": {
        "type": "apiKey",
        "in": "cookie",
        "name": "access_token",
        "description": "A browser's session after signing in with the form: HttpOnly cookies "
        "(`__Host-access_token` when deployed), refreshed silently. Unsafe methods also need a "
        "same-site Origin.",
    },
    "apiKeyAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "sbk_<key_id>_<secret>",
        "description": "A service API key from `POST /v1/api-keys`, sent as `Authorization: Bearer sbk_...` "
        "(only on the service routes; a user's token is refused there, and a key is refused everywhere else).",
    },
}
SIGNED_IN = [{"bearerAuth": []}, {"sessionCookie": []}]
# What a route needs, from the `openapi_security` its auth dependency carries (routes/depends/auth_dep.py).
SECURITY = {
    "signed_in": SIGNED_IN,
    "admin": SIGNED_IN,
    "optional": [{}, *SIGNED_IN],
    "api_key": [{"apiKeyAuth": []}],
}

DESCRIPTION = """Subscriptions sold with Stripe: accounts, the catalog, Checkout, saved subscriptions,
the customer portal and Stripe's webhooks.

**Signing in.** `POST /v1/auth/login` with JSON answers an `access_token`: send it as
`Authorization: Bearer <token>` (Authorize, above). Browsers sign in with the forms and hold cookies.

**Errors.** Every error a JSON client gets is `{"detail": "<what went wrong>"}`; a 422 for a declared
parameter or body adds `errors`, one entry per field. A request with `Accept: application/json`, a
bearer token or a JSON body is a JSON client (unless its Accept asks for HTML only); a browser's form
post gets a page instead."""
