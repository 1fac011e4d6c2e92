"""The figures of bench.tasks_list as Markdown: on stdout, and as the `## Task list` section of
docs/performance.md (the rest of that file is left as it is)."""

import os
import platform
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.tasks_load import Load, pooled_percentile
from bench.tasks_probe import Plans
from bench.tasks_seed import LABELS, MEMBERS, TEAM_SIZE

DOC = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
HEADING = "## Task list"
THROUGHPUT_TARGET = 0.6
P99_TARGET = 1.5
REAL, BASELINE = 0, 1  # a round's (real, baseline) pair


@dataclass(frozen=True)
class Outcome:
    tasks: int
    projects: int
    seed_seconds: float  # migrating excluded: COPY, indexes, keys, VACUUM ANALYZE, CHECKPOINT
    items: float  # mean items per page
    rounds: list[tuple[Load, Load]]  # (real, baseline) per round
    plans: Plans

    @property
    def ratios(self) -> list[float]:
        return [real.rps / baseline.rps for real, baseline in self.rounds]

    @property
    def median_round(self) -> tuple[Load, Load]:
        """The round whose throughput ratio is the median: the figures reported."""
        order = sorted(range(len(self.rounds)), key=lambda i: self.ratios[i])
        return self.rounds[order[len(order) // 2]]

    def pooled_p99(self, server: int) -> float:
        """p99 of all the requests of every round to `server` (REAL or BASELINE)."""
        return pooled_percentile([pair[server] for pair in self.rounds], 99)

    @property
    def real(self) -> Load:
        return self.median_round[0]

    @property
    def baseline(self) -> Load:
        return self.median_round[1]

    @property
    def ratio(self) -> float:
        return self.real.rps / self.baseline.rps


@dataclass(frozen=True)
class Setup:
    concurrency: int
    workers: int  # processes of each server
    mix: int  # distinct requests rotated
    warmup: int  # seconds
    tokens: int
    rounds: int


@dataclass(frozen=True)
class Report:
    command: str
    postgres: str
    setup: Setup
    outcomes: list[Outcome]

    def table(self) -> str:
        lines = [
            "| tasks | projects | server | requests/s | p50 ms | p99 ms | server CPU ms/req "
            "| items/page |",
            "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for o in self.outcomes:
            for name, load in (("real", o.real), ("baseline", o.baseline)):
                lines.append(
                    f"| {o.tasks:,} | {o.projects:,} | {name} | {load.rps:,.0f} "
                    f"| {load.p50_ms:.1f} | {load.p99_ms:.1f} | {load.cpu_ms:.2f} | {o.items:.1f} |"
                )
        return "\n".join(lines)

    def verdicts(self) -> list[str]:
        lines = [
            f"- real / baseline throughput at {o.tasks:,} tasks: **{o.ratio:.2f}** "
            f"(target ≥ {THROUGHPUT_TARGET}): {_met(o.ratio >= THROUGHPUT_TARGET)}; rounds: "
            f"{_listed(o.ratios)}"
            for o in self.outcomes
        ]
        if len(self.outcomes) < 2:
            return [*lines, "- p99 ratio: not measured (run with `--also 1000000`)"]
        small, large = self.outcomes[0], self.outcomes[-1]
        real = large.pooled_p99(REAL) / small.pooled_p99(REAL)
        baseline = large.pooled_p99(BASELINE) / small.pooled_p99(BASELINE)
        lines.append(
            f"- p99 at {large.tasks:,} / p99 at {small.tasks:,} tasks, real: **{real:.2f}** "
            f"(target ≤ {P99_TARGET}): {_met(real <= P99_TARGET)}; "
            f"{large.pooled_p99(REAL):.1f} ms against {small.pooled_p99(REAL):.1f} ms over "
            f"every round's requests; baseline: {baseline:.2f}"
        )
        lines.append(
            "- the same ratio within each round, real: "
            f"{_listed(_p99_ratios(small, large, REAL))}; baseline: "
            f"{_listed(_p99_ratios(small, large, BASELINE))}"
        )
        return lines

    def markdown(self) -> str:
        return "\n".join([self.table(), "", *self.verdicts()])

    def section(self) -> str:
        largest, setup = self.outcomes[-1], self.setup
        return f"""{HEADING}

`GET /api/v1/workspaces/{{id}}/tasks?project_id=&status_category=&assignee=&limit=50`
(`tasks:list`) against a baseline serving the same answer from the same SQL on a bare asyncpg
pool. Measured on {datetime.now(UTC).date().isoformat()} with:

    {self.command}

Machine: {_machine(self.postgres)}.
The load generator, the server under test and PostgreSQL share those cores, and other work
on the machine during a run lowers requests/s; server CPU ms/req moves much less.

Targets: the app serves at least {THROUGHPUT_TARGET} x the baseline's requests/s, and its p99
at 1,000,000 tasks is at most {P99_TARGET} x its p99 at 100,000.

{self.markdown()}

How it is measured (bench/tasks_*.py):

- Data, bulk-loaded with COPY into a freshly migrated database: one workspace, {MEMBERS + 1}
  members, {LABELS} labels, the projects of the table (the five default statuses each, a team
  of {TEAM_SIZE}), the tasks created over two years (UUIDv7 ids in creation order) in random
  projects, with 1-2 assignees from the project's team and 0-2 labels each; `VACUUM ANALYZE`
  and a `CHECKPOINT`. Seeding took {_seeding(self.outcomes)}.
- Requests: {setup.mix:,} drawn uniformly from the (project, assignee, status category todo
  or in_progress) combinations that have tasks, rotated by wrk over {setup.concurrency}
  connections (one thread, a {setup.warmup} s warm-up, then the measured period); items/page
  is the mean page size of that mix.
- Rounds: both databases are seeded first; then, in each of {setup.rounds} rounds, every size
  in turn, the app and then the baseline, each on a freshly started server. The table shows
  each size's round with the median throughput ratio. The p99 ratio compares the p99 of
  all the requests of every round at each size (from 1,000 latency quantiles kept per run),
  so that both sizes sample the same minutes of the machine: its speed drifts from minute to
  minute, which moves a single run's p99 by a factor of two.
- Servers: both started as `worklane serve --workers {setup.workers}` starts the app
  (`app/core/serving.py`, via bench/serve.py): one process per core, each listening on its own
  SO_REUSEPORT socket of the port, no access log.
- Real: production settings (rate limit on) but log level WARNING and no background jobs; the
  requests rotate over {setup.tokens} API tokens of one user, so none reaches the per-token
  rate limit.
- Baseline (bench/tasks_baseline.py): one FastAPI route, served alike, an asyncpg pool
  of the app's size; it replays the list SQL captured from `app.tasks.service.page` (one
  statement, which brings each task's key, assignees and labels along) and writes the JSON
  with `json.dumps`; no middleware, authentication, ORM or validation. Its answers are checked
  equal to the app's before the load.
- Server CPU ms/req: CPU time of the server's processes during the measured period per
  request, the figure least disturbed by other work on the machine.

Plan of the list query at {largest.tasks:,} tasks, for the combination with the most tasks
(EXPLAIN ANALYZE, values bound as on a statement's first runs):

```text
{largest.plans.custom}
```

{_generic_note(largest.plans)}
"""


def _p99_ratios(small: Outcome, large: Outcome, server: int) -> list[float]:
    """Per round, the large size's p99 over the small size's: within a round the two were
    measured a minute or two apart, under the same conditions of the machine."""
    return [
        big[server].p99_ms / little[server].p99_ms
        for little, big in zip(small.rounds, large.rounds, strict=True)
    ]


def _listed(ratios: list[float]) -> str:
    return ", ".join(f"{ratio:.2f}" for ratio in ratios)


def _seeding(outcomes: list[Outcome]) -> str:
    return ", ".join(f"{o.seed_seconds:.0f} s for {o.tasks:,} tasks" for o in outcomes)


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _machine(postgres: str) -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({_cpu()}), {memory:.0f} GB RAM, PostgreSQL {postgres} with "
        f"stock settings, Python {platform.python_version()}"
    )


def _cpu() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown CPU"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else "unknown CPU"


def _indexes(plan: str) -> list[str]:
    return re.findall(r" using (\w+)", plan)


def _execution(plan: str) -> str:
    found = re.search(r"Execution Time: ([\d.]+ ms)", plan)
    return found.group(1) if found else "?"


def _generic_note(plans: Plans) -> str:
    same = "the same" if _indexes(plans.generic) == _indexes(plans.custom) else "other"
    return (
        f"Under `plan_cache_mode = force_generic_plan` (the plan a prepared statement may switch "
        f"to after five runs) it uses {same} indexes ({', '.join(_indexes(plans.generic))}), "
        f"executing in {_execution(plans.generic)} (custom plan: {_execution(plans.custom)})."
    )


def write_section(report: Report) -> None:
    """Replace (or append) the `## Task list` section, up to the next `## ` heading."""
    text = DOC.read_text() if DOC.exists() else "# Performance\n"
    section = report.section().rstrip() + "\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1).rstrip() + "\n"
    else:
        text = text.rstrip() + "\n\n" + section
    DOC.write_text(text)
