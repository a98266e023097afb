"""`make reconcile`: one reconciliation run with the local settings (env, .env), as the scheduled Lambda does.

python -m scripts.reconcile                    # from the checkpoint stored in MongoDB
python -m scripts.reconcile --since 1795000000 # moves the checkpoint only if it reaches back to it
python -m scripts.reconcile --budget 3600      # start no subscription after an hour (default 15 min)

Without STRIPE_API_KEY it runs against the in-memory gateway, and without MongoDB settings against
`make dev`'s database, which only shows that it works; point .env at a test-mode account and a database
for real use.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta

from saas_billing.infra.fastapi_config.logging_setup import configure_logging
from saas_billing.infra.mixins.clock import get_clock
from saas_billing.infra.settings.loader import get_settings
from scripts.local_stage import local_stage
from scripts.template_model import function_for_group

# No Lambda timeout here, but still a bound: what is left is deferred to the next run, not lost.
DEFAULT_BUDGET = timedelta(minutes=15)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--since", type=float, help="epoch seconds to look back to, instead of the checkpoint"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET.total_seconds(),
        help="seconds after which no new subscription is started (default %(default)s)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(function_for_group("reconcile").code_dir))
    from reconcile_handler import build_reconciliation

    with local_stage():
        settings = get_settings()
        configure_logging(settings.log_level)
        deadline = get_clock().now() + timedelta(seconds=args.budget)
        report = build_reconciliation(settings).execute(since=args.since, deadline=deadline)
    print(json.dumps(report.as_dict(), indent=2))


if __name__ == "__main__":
    main()
