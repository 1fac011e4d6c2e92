import pytest

from app.scheduling.cycles import CycleError
from app.scheduling.network import SchedLink, SchedTask, build_network


def test_positions_put_predecessors_first() -> None:
    network = build_network(
        [SchedTask("C", 1), SchedTask("B", 1), SchedTask("A", 1), SchedTask("D", 1)],
        [SchedLink("A", "B"), SchedLink("B", "C")],
    )

    # Ties (A and D are both free to go first) keep the given order.
    assert network.ids == ("A", "D", "B", "C")
    assert network.position == {"A": 0, "D": 1, "B": 2, "C": 3}


def test_cycle_is_rejected_and_named() -> None:
    tasks = [SchedTask(name, 1) for name in "ABCD"]
    links = [SchedLink("A", "B"), SchedLink("B", "C", "SS"), SchedLink("C", "A", "FF")]

    with pytest.raises(CycleError) as raised:
        build_network(tasks, [*links, SchedLink("C", "D")])

    cycle = raised.value.cycle
    assert len(cycle) == 3
    assert {(cycle[k], cycle[(k + 1) % 3]) for k in range(3)} == {
        (link.predecessor, link.successor) for link in links
    }


def test_self_link_is_a_cycle() -> None:
    with pytest.raises(CycleError) as raised:
        build_network([SchedTask("A", 1)], [SchedLink("A", "A")])

    assert raised.value.cycle == ("A",)


def test_duplicate_task_ids_are_rejected() -> None:
    with pytest.raises(ValueError, match="unique"):
        build_network([SchedTask("A", 1), SchedTask("A", 2)], [])


def test_negative_duration_is_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        build_network([SchedTask("A", -1)], [])


def test_manual_task_without_start_is_rejected() -> None:
    with pytest.raises(ValueError, match="manual task needs a start"):
        build_network([SchedTask("A", 1, manual=True)], [])


def test_link_to_unknown_task_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown task Z"):
        build_network([SchedTask("A", 1)], [SchedLink("A", "Z")])


def test_unknown_link_type_is_rejected() -> None:
    link = SchedLink("A", "B", "XX")  # type: ignore[arg-type]

    with pytest.raises(ValueError, match="unknown link type 'XX'"):
        build_network([SchedTask("A", 1), SchedTask("B", 1)], [link])
