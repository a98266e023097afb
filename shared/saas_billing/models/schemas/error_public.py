"""The one shape of every error a JSON client gets (infra/fastapi_config/error_responses.py and
validation_errors.py write it); the OpenAPI document names it for every 4xx and 5xx."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class FieldErrorPublic(BaseModel):
    loc: list[str | int] = Field(description="Where: `query`, `path`, `header` or `body`, then the field")
    msg: str
    type: str


class ErrorPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"detail": "Subscription not found"},
                {
                    "detail": "query.limit: Input should be greater than or equal to 1",
                    "errors": [
                        {
                            "loc": ["query", "limit"],
                            "msg": "Input should be greater than or equal to 1",
                            "type": "greater_than_equal",
                        }
                    ],
                },
            ]
        }
    )

    detail: str = Field(description="What went wrong, in one sentence a person can act on")
    errors: list[FieldErrorPublic] | None = Field(
        default=None,
        description="Only on a 422 for a declared parameter or body: each problem; the value is never echoed",
    )
