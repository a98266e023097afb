"""Business metrics as CloudWatch embedded metric format (EMF): one JSON log line per count.

CloudWatch turns each line into a metric in the namespace <APP_NAME>/<APP_STAGE>, with no API call and no
extra dependency (aws-lambda-powertools would add to every cold start; BENCHMARKS.md). The line goes
through the app's logging, so it carries the request id like any other. Alarms in template.yaml read
WebhookSignatureFailures and ReconcileSucceeded from here.
"""

from __future__ import annotations

import logging
import os
import time

logger = logging.getLogger("saas_billing.metrics")
logger.setLevel(logging.INFO)  # metrics are kept whatever log_level quiets


def count(name: str, value: int = 1) -> None:
    """Adds `value` to the metric `name` (unit Count). Never raises: a metric must not fail a request."""
    if value <= 0:
        return
    try:
        namespace = f"{os.environ.get('APP_NAME', 'saas-billing')}/{os.environ.get('APP_STAGE', 'local')}"
        emf = {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {"Namespace": namespace, "Dimensions": [[]], "Metrics": [{"Name": name, "Unit": "Count"}]}
            ],
        }
        logger.info("metric %s", name, extra={"_aws": emf, name: value})
    except Exception:  # pragma: no cover - logging itself failing
        pass
