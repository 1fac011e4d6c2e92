"""What holds a task's early start: `start_drivers` on small networks (indices from 0)."""

from app.scheduling.cpm import StartDriver, forward_pass, start_drivers
from app.scheduling.network import SchedLink, SchedTask, build_network


def _drivers(tasks: list[SchedTask], links: list[SchedLink], task_id: str) -> tuple:
    network = build_network(tasks, links)
    return start_drivers(network, forward_pass(network, 0), 0, task_id)


def test_an_unlinked_task_is_held_by_the_project_start() -> None:
    assert _drivers([SchedTask("a", 2)], [], "a") == (StartDriver("project_start"),)


def test_the_binding_link_drives_and_a_slack_one_does_not() -> None:
    tasks = [SchedTask("long", 5), SchedTask("short", 1), SchedTask("b", 1)]
    links = [SchedLink("long", "b", "FS", 2), SchedLink("short", "b")]

    assert _drivers(tasks, links, "b") == (StartDriver("predecessor", "long", "FS", 2),)


def test_a_finish_link_drives_through_the_duration() -> None:
    tasks = [SchedTask("a", 4), SchedTask("b", 2)]

    assert _drivers(tasks, [SchedLink("a", "b", "FF")], "b") == (
        StartDriver("predecessor", "a", "FF", 0),
    )


def test_a_later_snet_drives_and_the_leveling_delay_comes_on_top() -> None:
    tasks = [SchedTask("a", 1, snet=3, delay=2)]

    assert _drivers(tasks, [], "a") == (StartDriver("constraint"),)


def test_ties_are_all_named() -> None:
    tasks = [SchedTask("a", 2), SchedTask("b", 1, snet=2)]

    assert _drivers(tasks, [SchedLink("a", "b", "FS")], "b") == (
        StartDriver("predecessor", "a", "FS", 0),
        StartDriver("constraint"),
    )


def test_a_manual_task_keeps_its_start() -> None:
    assert _drivers([SchedTask("a", 1, manual=True, start=4)], [], "a") == (StartDriver("manual"),)
