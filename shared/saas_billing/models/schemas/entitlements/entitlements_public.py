"""What `GET /v1/entitlements` returns: the account's plan and the features it may use now."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementView


ENTITLEMENTS_EXAMPLE = {
    "account_id": "6650f1c2a1b2c3d4e5f60718",
    "plan": "prod_pro",
    "price_id": "price_pro_monthly",
    "status": "active",
    "features": ["projects.unlimited", "support.priority"],
    "revision": 3,
}


class EntitlementsPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [ENTITLEMENTS_EXAMPLE]})

    account_id: str
    plan: str | None = Field(description="Product id of the current subscription; null without one")
    price_id: str | None
    status: str | None = Field(description="The current subscription's Stripe status")
    features: list[str] = Field(description="Lookup keys of the account's active entitlements, sorted")
    revision: int = Field(description="Grows whenever the set of features changes (0: none recorded yet)")

    @classmethod
    def from_domain(cls, view: EntitlementView) -> EntitlementsPublic:
        return cls(
            account_id=view.account_id,
            plan=view.plan,
            price_id=view.price_id,
            status=view.status,
            features=list(view.features),
            revision=view.revision,
        )
