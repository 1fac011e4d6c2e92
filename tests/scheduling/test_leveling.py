"""Leveling by delay: hand-built cases, and properties on random networks."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.scheduling.leveling import EPSILON, Capacity, LevelTask, level
from app.scheduling.network import SchedLink, SchedTask, build_network

DAYS = 200


def _task(task_id: str, priority: int = 2, slack: int = 0, **loads: float) -> LevelTask:
    return LevelTask(task_id, task_id.upper(), priority, slack, loads)


def _flat(hours: float, *resources: str, days: int = DAYS) -> Capacity:
    return Capacity(0, {r: [hours] * days for r in resources})


def test_two_tasks_on_one_person_run_one_after_the_other() -> None:
    network = build_network([SchedTask("a", 3), SchedTask("b", 2)], [])
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0, "b": 3}
    assert result.unresolved == ()


def test_the_move_is_a_delay_on_top_of_the_one_the_task_had() -> None:
    network = build_network([SchedTask("a", 3), SchedTask("b", 2, delay=1)], [])
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert (result.delay, result.early_start) == ({"a": 0, "b": 3}, {"a": 0, "b": 3})


def test_a_delayed_successor_keeps_its_own_delay_and_follows_its_predecessor() -> None:
    network = build_network(
        [SchedTask("a", 2), SchedTask("b", 2), SchedTask("c", 1, delay=2)],
        [SchedLink("b", "c")],
    )
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.delay == {"a": 0, "b": 2, "c": 2}
    assert result.early_start["c"] == 6


def test_the_lower_priority_task_gives_way_whatever_the_order() -> None:
    network = build_network([SchedTask("a", 2), SchedTask("b", 2)], [])
    tasks = {"a": _task("a", priority=1, ann=5), "b": _task("b", priority=4, ann=5)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 2, "b": 0}


def test_with_equal_priority_the_task_with_more_slack_gives_way() -> None:
    network = build_network([SchedTask("a", 2), SchedTask("b", 2)], [])
    tasks = {"a": _task("a", slack=0, ann=5), "b": _task("b", slack=9, ann=5)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0, "b": 2}


def test_a_delayed_task_carries_its_successors() -> None:
    network = build_network(
        [SchedTask("a", 2), SchedTask("b", 2), SchedTask("c", 1)], [SchedLink("b", "c", "FS", 1)]
    )
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start["b"] == 2
    assert result.early_start["c"] == 5


def test_partial_loads_share_a_day_when_they_fit() -> None:
    network = build_network([SchedTask("a", 2), SchedTask("b", 2)], [])
    tasks = {"a": _task("a", ann=4), "b": _task("b", ann=4)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0, "b": 0}


def test_a_task_that_alone_exceeds_capacity_is_reported_not_pushed_forever() -> None:
    network = build_network([SchedTask("a", 2)], [])
    tasks = {"a": _task("a", ann=10)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0}
    assert result.given_up == ("a",)
    assert [(o.resource_id, o.day, o.excess_hours) for o in result.unresolved] == [
        ("ann", 0, 2.0),
        ("ann", 1, 2.0),
    ]


def test_a_task_skips_a_day_without_capacity() -> None:
    network = build_network([SchedTask("a", 2)], [])
    capacity = Capacity(0, {"ann": [8, 0, 8, 8, 8, 8]})

    result = level(network, 0, {"a": _task("a", ann=8)}, capacity)

    assert result.early_start == {"a": 2}


def test_manual_tasks_never_move() -> None:
    network = build_network(
        [SchedTask("a", 2, manual=True, start=0), SchedTask("b", 2, manual=True, start=0)], []
    )
    tasks = {"a": _task("a", ann=8), "b": _task("b", ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0, "b": 0}
    assert [o.day for o in result.unresolved] == [0, 1]


def test_within_slack_a_task_moves_only_as_far_as_its_slack() -> None:
    # c (no load) makes the finish 6; b has 4 days of slack, a none.
    network = build_network([SchedTask("a", 3), SchedTask("b", 2), SchedTask("c", 6)], [])
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"), within_slack=True)

    assert result.early_start == {"a": 0, "b": 3, "c": 0}
    assert result.unresolved == ()


def test_within_slack_a_conflict_that_would_move_the_finish_stays_unresolved() -> None:
    network = build_network([SchedTask("a", 3), SchedTask("b", 3)], [])
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"), within_slack=True)

    assert result.early_start == {"a": 0, "b": 0}
    assert [o.day for o in result.unresolved] == [0, 1, 2]
    assert set(result.given_up) == {"a", "b"}


def test_within_slack_a_move_that_a_delayed_successor_would_carry_past_the_finish_is_refused() -> (
    None
):
    # b may move to 2 within its own slack (LS 2), but c, delayed 2 after it, would then finish
    # at 8, past the finish of 6.
    network = build_network(
        [SchedTask("a", 2), SchedTask("b", 2), SchedTask("c", 2, delay=2), SchedTask("d", 6)],
        [SchedLink("b", "c")],
    )
    tasks = {"a": _task("a", priority=3, ann=8), "b": _task("b", priority=1, ann=8)}

    result = level(network, 0, tasks, _flat(8, "ann"), within_slack=True)

    assert max(result.early_finish.values()) == 6
    assert result.early_start["b"] == 0


def _idle_days(result, tasks, resource: str) -> list[int]:
    """Days before the last finish on which `resource` has nothing booked."""
    booked = {
        day
        for task_id, task in tasks.items()
        if task.loads.get(resource)
        for day in range(result.early_start[task_id], result.early_finish[task_id])
    }
    return [day for day in range(max(result.early_finish.values())) if day not in booked]


def test_a_delayed_task_does_not_wait_for_the_successor_it_pushes() -> None:
    # b cannot start on day 2 if c, which it pushes along, counts as sitting there.
    network = build_network(
        [SchedTask("a", 2), SchedTask("b", 2), SchedTask("c", 1)], [SchedLink("b", "c")]
    )
    tasks = {
        "a": _task("a", priority=3, ann=8),
        "b": _task("b", priority=1, ann=8),
        "c": _task("c", priority=2, ann=8),
    }

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0, "b": 2, "c": 4}
    assert _idle_days(result, tasks, "ann") == []


def test_a_successor_that_a_later_start_pushes_away_stops_being_an_obstacle() -> None:
    # Starting v at 1 or 2 leaves s on day 3 (snet); from 3 on, s goes to v's start + 1, so
    # day 3 is free for v from there rather than from 4.
    network = build_network(
        [SchedTask("a", 1), SchedTask("v", 3), SchedTask("s", 1, snet=3)],
        [SchedLink("v", "s", "FS", -2)],
    )
    tasks = {
        "a": _task("a", priority=3, ann=8),
        "v": _task("v", priority=1, ann=8),
        "s": _task("s", priority=2, ann=8),
    }

    result = level(network, 0, tasks, _flat(8, "ann"))

    assert result.early_start == {"a": 0, "v": 3, "s": 6}
    assert result.unresolved == ()


# Properties


@st.composite
def projects(draw: st.DrawFn):
    count = draw(st.integers(1, 8))
    ids = [f"t{k}" for k in range(count)]
    durations = [draw(st.integers(0, 4)) for _ in ids]
    links = []
    for successor in range(1, count):
        for predecessor in range(successor):
            if draw(st.integers(0, 4)) == 0:
                links.append(
                    SchedLink(
                        ids[predecessor],
                        ids[successor],
                        draw(st.sampled_from(["FS", "SS", "FF", "SF"])),
                        draw(st.integers(-2, 2)),
                    )
                )
    snets = [draw(st.none() | st.integers(0, 5)) for _ in ids]
    tasks = {
        task_id: LevelTask(
            task_id,
            task_id,
            draw(st.integers(0, 4)),
            draw(st.integers(0, 5)),
            {r: draw(st.sampled_from([0.0, 2.0, 4.0, 8.0])) for r in ("ann", "bob")},
        )
        for task_id in ids
    }
    network = build_network(
        [SchedTask(t, d, snet=s) for t, d, s in zip(ids, durations, snets, strict=True)], links
    )
    daily = {r: draw(st.sampled_from([8.0, 10.0])) for r in ("ann", "bob")}
    return network, tasks, daily, links


def _bounds_hold(links, start, finish) -> bool:
    point = {"S": start, "F": finish}
    for link in links:
        read, bound = link.type[0], link.type[1]
        if point[bound][link.successor] < point[read][link.predecessor] + link.lag:
            return False
    return True


@settings(max_examples=150, deadline=None)
@given(projects())
def test_leveling_only_delays_keeps_links_and_leaves_no_overload(case) -> None:
    network, tasks, daily, links = case
    capacity = Capacity(0, {r: [h] * DAYS for r, h in daily.items()})
    before = level(network, 0, {}, capacity).early_start

    result = level(network, 0, tasks, capacity)

    assert all(result.early_start[t] >= before[t] for t in before)
    assert _bounds_hold(links, result.early_start, result.early_finish)
    # Every load fits a day on its own here, and the horizon is long enough to line all the
    # tasks up one after the other, so every conflict must be resolved.
    assert result.unresolved == ()
    booked: dict[tuple[str, int], float] = {}
    for task_id, task in tasks.items():
        for day in range(result.early_start[task_id], result.early_finish[task_id]):
            for resource, load in task.loads.items():
                booked[resource, day] = booked.get((resource, day), 0.0) + load
    assert all(hours <= daily[r] + EPSILON for (r, _), hours in booked.items())


@settings(max_examples=150, deadline=None)
@given(projects())
def test_leveling_within_slack_never_moves_the_finish(case) -> None:
    network, tasks, daily, links = case
    capacity = Capacity(0, {r: [h] * DAYS for r, h in daily.items()})
    before = level(network, 0, {}, capacity)

    result = level(network, 0, tasks, capacity, within_slack=True)

    assert max(result.early_finish.values()) == max(before.early_finish.values())
    assert all(result.early_start[t] >= before.early_start[t] for t in before.early_start)
    assert _bounds_hold(links, result.early_start, result.early_finish)
