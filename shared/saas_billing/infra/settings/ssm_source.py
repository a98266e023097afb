"""Which function's SSM parameters to read: SETTINGS_FUNCTION (set per function by template.yaml).

A function that knows its group reads only the names declared for it in function_settings.py, which is
all its role may read; a read by path would be refused. Without a group (the operator's tools: migrate,
create-admin) the whole stage path is read (sources.from_ssm).
"""

from __future__ import annotations

import os
from contextvars import ContextVar

SETTINGS_FUNCTION = "SETTINGS_FUNCTION"
# Set by the loader so an explicit argument can override SETTINGS_FUNCTION for one load.
function_override: ContextVar[str | None] = ContextVar("function_override", default=None)


def current_function() -> str | None:
    return function_override.get() or os.environ.get(SETTINGS_FUNCTION) or None
