"""An account's role; apart from the account schema, which the caller's Principal does not need."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"
