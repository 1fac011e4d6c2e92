"""Benchmark of `tasks:list` filtered by project, status category and assignee, against a
baseline that runs the same SQL on a bare asyncpg pool.

Run: uv run python -m bench.tasks_list [--tasks 100000] [--projects 500] [--seconds 20]
     [--concurrency 32] [--workers CORES] [--rounds 5] [--also 1000000 [--also-projects 5000]]

For each size (--tasks, and --also if given) it creates a throwaway database on
127.0.0.1:5432 (bench.tasks_seed), captures the list query the app sends and EXPLAINs it
(bench.tasks_probe). Then, in each round, every size in turn: the real app, then the baseline
(bench.tasks_baseline), each started as `worklane serve` starts the app (bench.serve) with
--workers processes and loaded with wrk (bench.tasks_load): a warm-up, then --seconds of
--concurrency connections rotating over MIX requests
`GET /api/v1/workspaces/{id}/tasks?project_id=&status_category=&assignee=&limit=50`.
Before the load the baseline's answers are checked equal to the app's. The figures go to
stdout and to the `## Task list` section of docs/performance.md; the databases are dropped.
"""

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.tasks_load import Load, Server, fetch, require_wrk, serving, write_script, wrk
from bench.tasks_probe import Mix, Plans, capture, explain, request_mix, server_version
from bench.tasks_report import Outcome, Report, Setup, write_section
from bench.tasks_seed import World, create_database, drop_database, seed

LIMIT = 50
MIX = 2000
SAMPLES = 20
WARMUP_SECONDS = 5
# The app limits each credential to 1200 requests a minute (production default, left on). The
# requests rotate over this many API tokens, as from that many clients: none reaches its limit
# below about TOKENS * 1200 / (WARMUP_SECONDS + seconds) requests/s (3,000 with the defaults;
# a run that does reports its 429s as failures), and the counting stays as in production.
TOKENS = 64


def real_server(world: World, workers: int) -> Server:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKLANE_")}
    env |= {
        "WORKLANE_DATABASE_URL": world.url,
        "WORKLANE_LOG_LEVEL": "WARNING",
        "WORKLANE_RUN_BACKGROUND_JOBS": "false",
    }
    return Server("real", "app.main:create_app", env, workers)


def baseline_server(world: World, query_file: Path, workers: int) -> Server:
    env = os.environ | {"BENCH_DSN": world.dsn, "BENCH_QUERY": str(query_file)}
    return Server("baseline", "bench.tasks_baseline:create_app", env, workers)


def measure(
    server: Server,
    paths: list[str],
    token: str,
    script: Path,
    args: argparse.Namespace,
    expected: list[Any] | None = None,
) -> tuple[Load, list[Any]]:
    """A warm-up, then the measured load. Also returns the answers to the first SAMPLES paths,
    checked equal to `expected` (before any load) when given."""
    with serving(server, paths[0], token) as running:
        samples = fetch(running.base, paths[:SAMPLES], token)
        if expected is not None:
            check_same(expected, samples)
        wrk(running, script, seconds=WARMUP_SECONDS, concurrency=args.concurrency)
        load = wrk(running, script, seconds=args.seconds, concurrency=args.concurrency)
    print(
        f"  {server.name:<8} {load.rps:8.0f} req/s  p50 {load.p50_ms:6.1f} ms  "
        f"p99 {load.p99_ms:6.1f} ms  server CPU {load.cpu_ms:5.2f} ms/req  "
        f"failures {load.failures}",
        flush=True,
    )
    return load, samples


def check_same(real: list[Any], baseline: list[Any]) -> None:
    """The same items, and a next page on the same answers (cursors are opaque)."""
    for index, (mine, theirs) in enumerate(zip(real, baseline, strict=True)):
        if mine["items"] != theirs["items"] or (mine["next_cursor"] is None) != (
            theirs["next_cursor"] is None
        ):
            sys.exit(
                f"the baseline answers sample {index} differently from the app:\n"
                f"app:      {str(mine)[:600]}\nbaseline: {str(theirs)[:600]}"
            )


@dataclass(frozen=True)
class Prepared:
    """One seeded database, its request mix and the list query captured on it."""

    tasks: int
    projects: int
    world: World
    seeded: float  # seconds
    mix: Mix
    query_json: str
    plans: Plans


def prepare(name: str, tasks: int, projects: int) -> Prepared:
    print(f"{tasks} tasks: seeding {name}", flush=True)
    started = time.perf_counter()
    world = seed(name, tasks=tasks, projects=projects, tokens=TOKENS)
    seeded = time.perf_counter() - started
    print(f"  seeded in {seeded:.0f} s", flush=True)
    mix = request_mix(world, MIX, LIMIT)
    query = capture(world, mix.requests[0], LIMIT)
    plans = explain(world, query, mix.largest)
    print(f"  list query plan, largest combination:\n{plans.custom}", flush=True)
    return Prepared(tasks, projects, world, seeded, mix, query.to_json(), plans)


def load_rounds(prepared: list[Prepared], args: argparse.Namespace) -> list[Outcome]:
    """`--rounds` rounds; in each, every size in turn, the real app then the baseline, each on a
    fresh server. A round's runs share the machine's conditions, so the ratios within a round
    (real over baseline, one size's p99 over another's) hold however those vary between rounds."""
    rounds: list[list[tuple[Load, Load]]] = [[] for _ in prepared]
    with tempfile.TemporaryDirectory() as directory:
        for number in range(1, args.rounds + 1):
            print(f"round {number} of {args.rounds}", flush=True)
            for size, runs in zip(prepared, rounds, strict=True):
                print(f"  {size.tasks} tasks", flush=True)
                runs.append(_load_both(size, Path(directory), args))
    return [
        Outcome(p.tasks, p.projects, p.seeded, p.mix.items, runs, p.plans)
        for p, runs in zip(prepared, rounds, strict=True)
    ]


def _load_both(size: Prepared, directory: Path, args: argparse.Namespace) -> tuple[Load, Load]:
    world = size.world
    paths = [filters.path(world.workspace_id, LIMIT) for filters in size.mix.requests]
    query_file = directory / f"list_query_{size.tasks}.json"
    query_file.write_text(size.query_json)
    script = write_script(directory, paths, world.tokens)
    token = world.tokens[0]
    real, samples = measure(real_server(world, args.workers), paths, token, script, args)
    baseline, _ = measure(
        baseline_server(world, query_file, args.workers), paths, token, script, args, samples
    )
    return real, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds of every size and server; medians count"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="uvicorn worker processes of each server (default: one per core, as deployed)",
    )
    parser.add_argument("--also", type=int, help="a second, larger size for the p99 ratio")
    parser.add_argument(
        "--also-projects",
        type=int,
        help="projects at the --also size (default: --projects); scaled with the tasks, a "
        "request's answer keeps its size and only the table grows",
    )
    args = parser.parse_args()
    require_wrk()
    sizes = [(args.tasks, args.projects)]
    if args.also:
        sizes.append((args.also, args.also_projects or args.projects))
    names: list[str] = []
    try:
        prepared = []
        for tasks, projects in sizes:
            names.append(f"bench_tasks_{tasks}")
            create_database(names[-1])
            prepared.append(prepare(names[-1], tasks, projects))
        outcomes = load_rounds(prepared, args)
        version = server_version(prepared[0].world)
    finally:
        for name in names:
            drop_database(name)
    report = Report(
        command="uv run python -m bench.tasks_list " + " ".join(sys.argv[1:]),
        postgres=version,
        setup=Setup(args.concurrency, args.workers, MIX, WARMUP_SECONDS, TOKENS, args.rounds),
        outcomes=outcomes,
    )
    print(report.markdown())
    if any(real.failures or baseline.failures for o in outcomes for real, baseline in o.rounds):
        sys.exit("some requests failed (see the failures column); docs/performance.md unchanged")
    write_section(report)


if __name__ == "__main__":
    main()
