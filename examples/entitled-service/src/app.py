"""POST /projects for accounts whose plan includes FEATURE; 403 for the rest.

The HTTP API's JWT authorizer has already verified the token (signature against the billing API's JWKS,
issuer, audience, expiry), so the claims in the event can be trusted as they are. API Gateway hands
claims over as strings; the `scope` claim ("feature:a feature:b") is the reliable way to read the list.
No dependencies: the standard library only.
"""

from __future__ import annotations

import json
import os

SCOPE_PREFIX = "feature:"


def handler(event: dict, context: object) -> dict:
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    feature = os.environ.get("FEATURE", "projects.unlimited")
    if feature not in features(claims):
        detail = f"Your plan does not include {feature}; upgrade to use it"
        return answer(403, {"detail": detail, "plan": claims.get("plan")})
    return answer(201, {"created": True, "account": claims.get("sub"), "feature": feature})


def features(claims: dict) -> set[str]:
    """The feature lookup keys of the token, from its `scope` claim (space-separated)."""
    scopes = str(claims.get("scope") or "").split()
    return {scope.removeprefix(SCOPE_PREFIX) for scope in scopes if scope.startswith(SCOPE_PREFIX)}


def answer(status: int, body: dict) -> dict:
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
