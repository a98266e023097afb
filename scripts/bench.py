"""`make bench`: cold path, warm invoke and peak RSS of every built function against a bare FastAPI one.

Each sample is a fresh clean interpreter (see invoke_built): cold = handler import + first invoke,
measured inside the child; warm = median of the following invokes; RSS = the child's ru_maxrss. Runs
are interleaved across functions so machine noise spreads evenly; figures are medians over the rounds.
Everything runs in the offline local stage against a local MongoDB wire server (migrated first, as a
deploy does), except one extra, clearly labelled catalog row in the dev stage (settings from SSM on
moto_server, Stripe on a loopback stub) showing what boto3 + SSM cost.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymongo

from saas_billing.infra.db.migrate import migrate
from scripts.bench_setup import build_bare, stripe_stub
from scripts.invoke_built import BUILD_DIR, BuiltFunction, LambdaRoot, built_root
from scripts.local_aws import REQUIRED_SECRETS, deployed_env, moto_server, put_parameters
from scripts.local_mongo import LocalMongo
from scripts.make_event import http_api_event
from scripts.sign_event import sign_http_event
from scripts.template_model import ROOT, functions, layer_ids

REPORT = ROOT / "BENCHMARKS.md"
COLD_TARGET, WARM_TARGET = 0.8, 1.3
FUNCTION_LIMIT_KB, LAYER_LIMIT_MB = 100, 60


@dataclass
class Target:
    label: str
    root: LambdaRoot
    event: dict[str, Any]
    env: dict[str, str]
    size: int
    checked: bool = True  # held to the cold/warm/size targets (the deployed row is informative)
    cold_ms: list[float] = field(default_factory=list)
    warm_ms: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def sample(self, warm_invokes: int) -> None:
        with BuiltFunction(self.root, self.env, timeout=120) as function:
            reply = function.request(self.event, repeat=1 + warm_invokes)
        status = reply["response"].get("statusCode", 200)  # a scheduled function answers its figures
        if status >= 500:
            raise SystemExit(f"{self.label} answered {status}: {reply['response'].get('body')}")
        self.cold_ms.append(function.init["init_ms"] + reply["timings_ms"][0])
        self.warm_ms.append(statistics.median(reply["timings_ms"][1:]))
        self.rss_kb.append(reply["maxrss_kb"])


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


# The request each function is benched with. Offline, each built function has its own in-process
# database, so no signed-in session can exist in another function's process: routes behind sign-in are
# benched on their anonymous path (the session dependency answering 401). A group not named here is
# benched with the alphabetically first event in events/<group>/.
BENCH_EVENTS = {
    "auth": "me_anonymous.json",  # the session dependency; login is argon2's cost, by design
    "checkout": "pricing_page.json",  # catalog + page rendering
    "customers": "list_customers.json",  # admin only: anonymous 401
    "subscriptions": "list_subscriptions.json",  # sign-in only: anonymous 401
    # Signed afresh below; warm repeats of one event id take the idempotent "already processed" path.
    "webhooks": "01_customer_subscription_updated.json",
}


def first_event(group: str) -> dict[str, Any]:
    events = sorted((ROOT / "events" / group).glob("*.json"))
    if not events:
        raise SystemExit(f"no event in events/{group}/ to bench with")
    chosen = ROOT / "events" / group / BENCH_EVENTS[group] if group in BENCH_EVENTS else events[0]
    event = json.loads(chosen.read_text())
    return sign_http_event(event) if group == "webhooks" else event


def targets(stripe_url: str, ssm_url: str, mongo_uri: str) -> tuple[Target, list[Target]]:
    bare_root = build_bare()
    bare = Target(
        "bare FastAPI+Mangum (SAM default build)", bare_root, http_api_event("GET", "/v1/ping"), {}, 0
    )
    bare.size = size_of(bare_root.task_root)
    built = [
        Target(
            spec.logical_id,
            built_root(spec.logical_id),
            first_event(spec.group),
            {"APP_STAGE": "local", "MONGODB_URI": mongo_uri},
            size_of(BUILD_DIR / spec.logical_id),
        )
        for spec in functions()
    ]
    put_parameters(ssm_url, REQUIRED_SECRETS)
    put_parameters(ssm_url, {"stripe_api_base": stripe_url}, kind="String")
    deployed = Target(
        "CatalogFunction, dev stage (SSM via moto_server + Stripe stub)",
        built_root("CatalogFunction"),
        first_event("catalog"),
        {**deployed_env(ssm_url), "SETTINGS_FUNCTION": "catalog"},  # as the template sets it
        size_of(BUILD_DIR / "CatalogFunction"),
        checked=False,
    )
    return bare, [*built, deployed]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def render(bare: Target, rows: list[Target], rounds: int, warm_invokes: int) -> str:
    bare_cold, bare_warm = statistics.median(bare.cold_ms), statistics.median(bare.warm_ms)
    lines = [
        f"Medians over {rounds} fresh interpreters per row, interleaved; warm = median of {warm_invokes} "
        "invokes after the first. Local (offline) stage unless stated; MongoDB is a local wire server.",
        "",
        "| Function | Cold path ms | x bare | Warm invoke ms | x bare | Peak RSS MB | Artifact KB "
        f"| Cold ≤ {COLD_TARGET}x | Warm ≤ {WARM_TARGET}x | Artifact < {FUNCTION_LIMIT_KB} KB |",
        "|---|---:|---:|---:|---:|---:|---:|:-:|:-:|:-:|",
    ]
    for row in [*rows, bare]:
        cold, warm = statistics.median(row.cold_ms), statistics.median(row.warm_ms)
        cold_x, warm_x = cold / bare_cold, warm / bare_warm
        checks = (
            [
                verdict(cold_x <= COLD_TARGET),
                verdict(warm_x <= WARM_TARGET),
                verdict(row.size < FUNCTION_LIMIT_KB * 1000),
            ]
            if row.checked and row is not bare
            else ["—", "—", "—"]
        )
        lines.append(
            f"| {row.label} | {cold:.0f} | {cold_x:.2f} | {warm:.2f} | {warm_x:.2f} "
            f"| {statistics.median(row.rss_kb) / 1024:.0f} | {row.size / 1000:.1f} | {' | '.join(checks)} |"
        )
    lines += ["", f"| Layer | Unzipped MB | < {LAYER_LIMIT_MB} MB |", "|---|---:|:-:|"]
    for layer in layer_ids():
        size = size_of(BUILD_DIR / layer) / 1e6
        lines.append(f"| {layer} | {size:.1f} | {verdict(size < LAYER_LIMIT_MB)} |")
    return "\n".join(lines) + "\n"


def machine() -> str:
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {platform.machine()}, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warm", type=int, default=200, help="warm invokes per interpreter")
    parser.add_argument("--no-report", action="store_true", help=f"do not rewrite {REPORT.name}")
    args = parser.parse_args()
    with moto_server() as ssm_url, stripe_stub() as stripe_url, LocalMongo() as mongo:
        with pymongo.MongoClient(mongo.uri) as client:
            migrate(client["saas_billing"])  # as a deploy does: the functions never create indexes
        bare, rows = targets(stripe_url, ssm_url, mongo.uri)
        for round_number in range(1, args.rounds + 1):
            print(f"round {round_number}/{args.rounds}", file=sys.stderr)
            everyone = [bare, *rows]
            shift = round_number % len(everyone)  # rotate so no row always runs first
            for target in everyone[shift:] + everyone[:shift]:
                target.sample(args.warm)
    table = render(bare, rows, args.rounds, args.warm)
    print(table)
    if not args.no_report:
        today = datetime.date.today().isoformat()
        REPORT.write_text(
            f"# Benchmarks\n\nWritten by `make bench` ({Path(__file__).name}) on {today}, on {machine()}.\n\n"
            f"Cold path = handler import + first invoke, inside a fresh `python -I -S -B` with the built "
            f"function's Lambda sys.path; the bare function is FastAPI+Mangum installed the SAM default way "
            f"(`pip install --no-compile`, no bytecode).\n\n{table}"
        )


if __name__ == "__main__":
    main()
