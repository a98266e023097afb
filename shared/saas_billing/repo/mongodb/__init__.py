"""MongoDB implementations of the repositories; the database package goes first (see its docstring)."""

import saas_billing.infra.db  # noqa: F401
