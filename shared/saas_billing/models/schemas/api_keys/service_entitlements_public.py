"""The service API's answer to "what may this account use" (GetEntitlements's view)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from saas_billing.domain.schemas.entitlements.account_entitlements import EntitlementView


class AccountEntitlementsPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "account_id": "6650f1c2a9e4b3d2c1f0e9d8",
                    "plan": "prod_PRO",
                    "price_id": "price_pro_monthly",
                    "status": "active",
                    "features": ["projects.unlimited", "support.priority"],
                    "revision": 3,
                }
            ]
        }
    )

    account_id: str
    plan: str | None = Field(description="Product id of the current subscription; null without one")
    price_id: str | None
    status: str | None = Field(description="The current subscription's Stripe status")
    features: list[str] = Field(description="Active entitlement lookup keys, sorted: may it use X?")
    revision: int = Field(description="Grows whenever the features change")

    @classmethod
    def from_domain(cls, view: EntitlementView) -> AccountEntitlementsPublic:
        return cls(
            account_id=view.account_id,
            plan=view.plan,
            price_id=view.price_id,
            status=view.status,
            features=list(view.features),
            revision=view.revision,
        )
