"""Where repositories call MongoDB, driver errors become a 503 with a safe message."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from pymongo.errors import DuplicateKeyError, PyMongoError

from saas_billing.infra.exception.errors import ServiceUnavailable

logger = logging.getLogger(__name__)


class DatabaseUnavailable(ServiceUnavailable):
    default_detail = "The database is unavailable; retry shortly"


@contextmanager
def mongo_errors() -> Iterator[None]:
    """Duplicate keys pass through: repositories turn them into domain outcomes."""
    try:
        yield
    except DuplicateKeyError:
        raise
    except PyMongoError as error:
        logger.warning("database call failed", extra={"error": type(error).__name__})
        raise DatabaseUnavailable() from error
