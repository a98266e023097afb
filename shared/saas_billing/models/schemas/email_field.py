"""Email fields of request bodies: the domain's one normal form, or the 422 pydantic's EmailStr gives."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from saas_billing.domain.email_address import InvalidEmail, fold_email, normalize_email


def _normalized(value: object) -> object:
    if not isinstance(value, str):
        return value  # str's own validation refuses it
    try:
        return normalize_email(value)
    except InvalidEmail as error:
        raise PydanticCustomError(
            "value_error", "value is not a valid email address: {reason}", {"reason": error.detail}
        ) from None


# An address that must be one (sign-up, customers): stored in the form sign-in looks it up in.
Email = Annotated[str, BeforeValidator(_normalized), Field(json_schema_extra={"format": "email"})]
# Sign-in: only folded, so the shape check sees a fullwidth "@" as "@". The use case normalises; a string
# that is no address is an unknown account (401), not a 422 that would single it out.
FoldedEmail = Annotated[
    str, BeforeValidator(lambda value: fold_email(value) if isinstance(value, str) else value)
]
