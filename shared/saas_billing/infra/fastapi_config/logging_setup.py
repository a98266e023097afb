"""JSON log lines carrying the Lambda request id; secrets never reach a record (they are SecretStr)."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD and k != "request_id"})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


_base_factory = logging.getLogRecordFactory()


def _record_with_request_id(*args, **kwargs) -> logging.LogRecord:
    """Stamps the request id when the record is made, so any handler sees it, even after the request."""
    record = _base_factory(*args, **kwargs)
    record.request_id = request_id.get()
    return record


def configure_logging(level: str = "INFO") -> None:
    """Formats through the handlers already there (Lambda's runtime installs one), or adds one."""
    logging.setLogRecordFactory(_record_with_request_id)
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.StreamHandler(sys.stdout))
    for handler in root.handlers:
        if not isinstance(handler.formatter, JsonFormatter):
            handler.setFormatter(JsonFormatter())
    root.setLevel(level)
    # Mangum logs every request at INFO; API Gateway and Lambda already record each one, and the
    # line costs more than the rest of a warm invoke.
    logging.getLogger("mangum.http").setLevel(logging.WARNING)
