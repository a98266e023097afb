"""The one form an email address is stored, compared and looked up in, wherever it was typed.

Sign-up, sign-in, the admin CLI and the customers API all go through `normalize_email`, so an address
that registers is the same string when it signs in, however its characters were typed.
"""

from __future__ import annotations

import unicodedata

from saas_billing.domain.auth_errors import InvalidInput

# Longer input is refused before normalising (NFKC can multiply a string's length); no address is this long.
MAX_EMAIL_INPUT_LENGTH = 1024


class InvalidEmail(InvalidInput):
    default_detail = "Not a valid email address"


def fold_email(text: str) -> str:
    """NFKC then lower case: compatibility forms (fullwidth "@" and letters) and letter case made one.

    Lower-casing can produce characters NFKC would change again, hence NFKC on both sides.
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).strip().lower())


def normalize_email(text: str) -> str:
    """`text` folded, then email-validator's normalised form (IDNA domain: "。" is ".", punycode shown as
    Unicode), folded again. Idempotent; raises InvalidEmail when it is no address.

    Deliverability (DNS) is not checked. email_validator is imported here, not at module level: only the
    requests that read an address pay for it.
    """
    from email_validator import EmailNotValidError, validate_email

    if len(text) > MAX_EMAIL_INPUT_LENGTH:
        raise InvalidEmail("The email address is too long")
    try:
        validated = validate_email(fold_email(text), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidEmail(str(error)) from None
    return fold_email(validated.normalized)
