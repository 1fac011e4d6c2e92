import uuid

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


def test_uuid_ids_index_like_any_other_ids() -> None:
    # UUIDs are looked up by their integer (app/scheduling/network.py); the network is the same.
    names = ["C", "B", "A", "D"]
    ids = {name: uuid.uuid5(uuid.NAMESPACE_DNS, name) for name in names}
    pairs = [("A", "B", "FS"), ("B", "C", "SS"), ("A", "C", "FF")]

    by_name = build_network(
        [SchedTask(name, 1) for name in names], [SchedLink(p, t, kind) for p, t, kind in pairs]
    )
    # Links hold their own UUID objects, as rows loaded from the database do.
    by_uuid = build_network(
        [SchedTask(ids[name], 1) for name in names],
        [SchedLink(uuid.UUID(str(ids[p])), uuid.UUID(str(ids[t])), kind) for p, t, kind in pairs],
    )

    assert by_uuid.ids == tuple(ids[name] for name in by_name.ids)
    assert (by_uuid.start_in, by_uuid.finish_in) == (by_name.start_in, by_name.finish_in)
    assert (by_uuid.start_out, by_uuid.finish_out) == (by_name.start_out, by_name.finish_out)


def test_link_to_unknown_uuid_task_is_rejected() -> None:
    known, unknown = uuid.uuid4(), uuid.uuid4()

    with pytest.raises(ValueError, match=f"unknown task {unknown}"):
        build_network([SchedTask(known, 1)], [SchedLink(known, unknown)])


def test_link_to_a_task_of_another_id_type_is_rejected() -> None:
    known = uuid.uuid4()

    with pytest.raises(ValueError, match="unknown task Z"):
        build_network([SchedTask(known, 1)], [SchedLink(known, "Z")])
