"""Properties of the CPM passes on random DAGs, checked against docs/design.md §7 link by link."""

from dataclasses import dataclass
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling.cpm import Schedule, forward_pass, incremental_forward_pass, schedule
from app.scheduling.network import LinkType, SchedLink, SchedTask, TaskId, build_network

LINK_TYPES: tuple[LinkType, ...] = ("FS", "SS", "FF", "SF")
# CI runs this suite twice; 100 random plans per property (200 for the incremental pass, which
# has the most ways to go wrong) keep the whole scheduling suite within about 15 seconds.
EXAMPLES = settings(max_examples=100, deadline=None)


@dataclass(frozen=True)
class Plan:
    tasks: list[SchedTask]
    links: list[SchedLink]
    project_start: int

    def run(self) -> Schedule:
        return schedule(build_network(self.tasks, self.links), self.project_start)


# Strategies are built once: constructing them per draw costs more than the tests themselves.
MAX_TASKS = 20
MANUAL = st.integers(0, 4).map(lambda k: k == 0)  # about one task in five
DURATIONS = st.integers(0, 10)
STARTS = st.integers(-3, 15)
SNETS = st.none() | st.integers(-3, 20)
FNLTS = st.none() | st.integers(0, 30)
DELAYS = st.sampled_from((0, 0, 0, 1, 4))
KINDS = st.sampled_from(LINK_TYPES)
LAGS = st.integers(-3, 5)
LAG_RANGE = range(-3, 6)
# Two integers per link, one for its ends and one for its type and lag: a draw per field makes
# generation slower than the properties it feeds. Dense enough that most tasks have a link.
LINK_CODES = st.lists(
    st.tuples(
        st.integers(0, MAX_TASKS * MAX_TASKS - 1),
        st.integers(0, len(LINK_TYPES) * len(LAG_RANGE) - 1),
    ),
    min_size=MAX_TASKS // 2,
    max_size=3 * MAX_TASKS,
)


def draw_task(draw: st.DrawFn, task_id: int, constrained: bool) -> SchedTask:
    manual = constrained and draw(MANUAL)
    return SchedTask(
        id=task_id,
        duration=draw(DURATIONS),
        manual=manual,
        start=draw(STARTS) if manual else None,
        snet=draw(SNETS) if constrained else None,
        fnlt=draw(FNLTS) if constrained else None,
        delay=draw(DELAYS) if constrained else 0,
    )


def draw_links(
    draw: st.DrawFn, count: int, existing: frozenset[tuple[TaskId, TaskId]] = frozenset()
) -> list[SchedLink]:
    """Links from lower to higher ids among the first `count`, which keeps the graph acyclic."""
    links: dict[tuple[int, int], SchedLink] = {}
    for ends, shape in draw(LINK_CODES):
        a, b = divmod(ends, MAX_TASKS)
        lag, kind = divmod(shape, len(LINK_TYPES))
        p, t = sorted((a % count, b % count))
        if p != t and (p, t) not in existing:
            links[p, t] = SchedLink(p, t, LINK_TYPES[kind], LAG_RANGE[lag])
    return list(links.values())


@st.composite
def plans(draw: st.DrawFn, constrained: bool = True) -> Plan:
    count = draw(st.integers(1, MAX_TASKS))
    task_list = [draw_task(draw, k, constrained) for k in range(count)]
    return Plan(
        # Shuffled so that input order is not a topological order.
        tasks=draw(st.permutations(task_list)),
        links=draw_links(draw, count),
        project_start=draw(st.integers(-3, 3)),
    )


def start_bound(link: SchedLink, result: Schedule) -> int:
    """The lowest start the link allows its successor, from the predecessor's early dates."""
    p = result.task(link.predecessor)
    d_t = result.network.duration[result.network.position[link.successor]]
    return {
        "FS": p.early_finish + link.lag,
        "SS": p.early_start + link.lag,
        "FF": p.early_finish + link.lag - d_t,
        "SF": p.early_start + link.lag - d_t,
    }[link.type]


def late_finish_bound(link: SchedLink, result: Schedule) -> int:
    """The latest finish the link allows its predecessor, from the successor's late dates."""
    t = result.task(link.successor)
    d_p = result.network.duration[result.network.position[link.predecessor]]
    return {
        "FS": t.late_start - link.lag,
        "SS": t.late_start - link.lag + d_p,
        "FF": t.late_finish - link.lag,
        "SF": t.late_finish - link.lag + d_p,
    }[link.type]


def free_slack_gap(link: SchedLink, result: Schedule) -> int:
    p, t = result.task(link.predecessor), result.task(link.successor)
    return {
        "FS": t.early_start - (p.early_finish + link.lag),
        "SS": t.early_start - (p.early_start + link.lag),
        "FF": t.early_finish - (p.early_finish + link.lag),
        "SF": t.early_finish - (p.early_start + link.lag),
    }[link.type]


@EXAMPLES
@given(plans())
def test_every_link_bound_holds_for_auto_successors(plan: Plan) -> None:
    result = plan.run()
    manual = {task.id for task in plan.tasks if task.manual}

    for link in plan.links:
        if link.successor not in manual:
            assert result.task(link.successor).early_start >= start_bound(link, result)


@EXAMPLES
@given(plans())
def test_auto_tasks_start_as_early_as_their_bounds_allow(plan: Plan) -> None:
    result = plan.run()

    for task in plan.tasks:
        if task.manual:
            continue
        bounds = [plan.project_start]
        if task.snet is not None:
            bounds.append(task.snet)
        bounds += [start_bound(link, result) for link in plan.links if link.successor == task.id]
        assert result.task(task.id).early_start == max(bounds) + task.delay


@EXAMPLES
@given(plans())
def test_manual_tasks_keep_their_start(plan: Plan) -> None:
    result = plan.run()

    for task in plan.tasks:
        if task.manual:
            assert result.task(task.id).early_start == task.start
        assert result.task(task.id).early_finish == result.task(task.id).early_start + task.duration


@EXAMPLES
@given(plans())
def test_late_finish_is_the_tightest_of_finish_fnlt_and_successor_links(plan: Plan) -> None:
    result = plan.run()

    assert result.project_finish == max(t.early_finish for t in result.tasks())
    for task in plan.tasks:
        bounds = [result.project_finish]
        if task.fnlt is not None:
            bounds.append(task.fnlt + 1)
        bounds += [
            late_finish_bound(link, result) for link in plan.links if link.predecessor == task.id
        ]
        scheduled = result.task(task.id)
        assert scheduled.late_finish == min(bounds)
        assert scheduled.late_start == scheduled.late_finish - task.duration
        assert scheduled.total_slack == scheduled.late_start - scheduled.early_start
        assert scheduled.critical == (scheduled.total_slack <= 0)


@EXAMPLES
@given(plans())
def test_free_slack_is_the_smallest_gap_to_project_finish_or_a_successor(plan: Plan) -> None:
    result = plan.run()

    for task in plan.tasks:
        gaps = [result.project_finish - result.task(task.id).early_finish]
        gaps += [free_slack_gap(link, result) for link in plan.links if link.predecessor == task.id]
        assert result.task(task.id).free_slack == min(gaps)


@EXAMPLES
@given(plans())
def test_violations_are_the_tasks_finishing_after_their_fnlt_bound(plan: Plan) -> None:
    result = plan.run()
    late = {
        task.id
        for task in plan.tasks
        if task.fnlt is not None and result.task(task.id).early_finish > task.fnlt + 1
    }

    assert set(result.violations) == late
    assert all(result.task(task_id).total_slack < 0 for task_id in late)


@EXAMPLES
@given(plans(constrained=False))
def test_slack_is_never_negative_without_constraints_or_manual_tasks(plan: Plan) -> None:
    for task in plan.run().tasks():
        assert 0 <= task.free_slack <= task.total_slack


@EXAMPLES
@given(plans())
def test_critical_path_is_a_chain_of_driving_links_ending_at_project_finish(plan: Plan) -> None:
    result = plan.run()
    path = result.critical_path
    by_pair: dict[tuple[object, object], list[SchedLink]] = {}
    for link in plan.links:
        by_pair.setdefault((link.predecessor, link.successor), []).append(link)

    def drives(link: SchedLink) -> bool:
        # A finish bound is a start bound d earlier, so "tight" compares starts for every type.
        return start_bound(link, result) == result.task(link.successor).early_start

    assert path
    assert result.task(path[-1]).early_finish == result.project_finish
    assert all(result.task(task_id).critical for task_id in path)
    for predecessor, successor in pairwise(path):
        assert any(drives(link) for link in by_pair.get((predecessor, successor), []))
    # The chain starts where no driving link leads in.
    assert not any(drives(link) for link in plan.links if link.successor == path[0])


PICKS = st.lists(st.integers(0, MAX_TASKS), max_size=4)
ACTIONS = st.sampled_from(["keep", "keep", "keep", "remove", "retype"])


@dataclass(frozen=True)
class Edit:
    tasks: list[SchedTask]
    links: list[SchedLink]
    changed: set[TaskId]


@st.composite
def edits(draw: st.DrawFn, plan: Plan) -> Edit:
    """Random edits of a plan, with the tasks the service would name as changed."""
    count = len(plan.tasks)
    by_id = {task.id: task for task in plan.tasks}
    changed: set[TaskId] = set()

    # Edit some tasks: duration, mode, start, snet or delay (a fresh draw of each).
    for pick in draw(PICKS):
        edited = draw_task(draw, pick % count, constrained=True)
        by_id[edited.id] = edited._replace(fnlt=by_id[edited.id].fnlt)
        changed.add(edited.id)

    # Remove, retype or add links; each touches its successor.
    links: list[SchedLink] = []
    for link in plan.links:
        action = draw(ACTIONS)
        if action != "keep":
            changed.add(link.successor)
        if action == "retype":
            links.append(link._replace(type=draw(KINDS), lag=draw(LAGS)))
        elif action == "keep":
            links.append(link)
    pairs = frozenset((link.predecessor, link.successor) for link in plan.links)
    added = draw_links(draw, count, pairs)
    changed.update(link.successor for link in added)
    links += added

    # Maybe delete a task, naming its successors as changed.
    if count > 1 and draw(st.booleans()):
        doomed = draw(st.integers(0, MAX_TASKS)) % count
        del by_id[doomed]
        changed.add(doomed)
        changed.update(link.successor for link in links if link.predecessor == doomed)
        links = [link for link in links if doomed not in (link.predecessor, link.successor)]
    # Maybe add a task after all others, linked from a few of them.
    if draw(st.booleans()):
        new_id = count
        for pick in set(draw(PICKS)):
            if pick % count in by_id:
                links.append(SchedLink(pick % count, new_id, draw(KINDS), draw(LAGS)))
        by_id[new_id] = draw_task(draw, new_id, constrained=True)
        changed.add(new_id)
    return Edit(list(by_id.values()), links, changed)


@settings(max_examples=200, deadline=None)
@given(plans(), st.data())
def test_incremental_forward_pass_equals_full_pass_after_random_changes(
    plan: Plan, data: st.DataObject
) -> None:
    before = build_network(plan.tasks, plan.links)
    stored = dict(
        zip(before.ids, forward_pass(before, plan.project_start).early_start, strict=True)
    )
    edit = data.draw(edits(plan))
    after = build_network(edit.tasks, edit.links)

    changes = incremental_forward_pass(after, plan.project_start, stored, edit.changed)

    full = forward_pass(after, plan.project_start)
    for v, task_id in enumerate(after.ids):
        expected = (full.early_start[v], full.early_finish[v])
        if task_id in changes:
            assert (changes[task_id].early_start, changes[task_id].early_finish) == expected
            # Only tasks that were edited or actually moved are reported.
            assert task_id in edit.changed or stored[task_id] != expected[0]
        else:
            assert stored[task_id] == expected[0]
