"""Incremental forward pass on hand-sized networks; test_properties checks it at random."""

from collections.abc import Sequence

from app.scheduling.cpm import EarlyChange, forward_pass, incremental_forward_pass
from app.scheduling.network import SchedLink, SchedTask, TaskId, build_network


def stored(tasks: Sequence[SchedTask], links: Sequence[SchedLink]) -> dict[TaskId, int]:
    network = build_network(tasks, links)
    return dict(zip(network.ids, forward_pass(network, 0).early_start, strict=True))


def test_longer_task_moves_its_successors_and_nothing_else() -> None:
    # A [0,2) -> B [2,5) -> C [5,6); D unlinked. A grows to 4: B [4,7), C [7,8).
    links = [SchedLink("A", "B"), SchedLink("B", "C")]
    before = stored(
        [SchedTask("A", 2), SchedTask("B", 3), SchedTask("C", 1), SchedTask("D", 4)], links
    )
    after = build_network(
        [SchedTask("A", 4), SchedTask("B", 3), SchedTask("C", 1), SchedTask("D", 4)], links
    )

    assert incremental_forward_pass(after, 0, before, {"A"}) == {
        "A": EarlyChange(0, 4),
        "B": EarlyChange(4, 7),
        "C": EarlyChange(7, 8),
    }


def test_change_absorbed_by_slack_stops_propagating() -> None:
    # A [0,2) and B [0,5) both FS into C [5,6); A grows to 3, C still starts at 5.
    links = [SchedLink("A", "C"), SchedLink("B", "C")]
    before = stored([SchedTask("A", 2), SchedTask("B", 5), SchedTask("C", 1)], links)
    after = build_network([SchedTask("A", 3), SchedTask("B", 5), SchedTask("C", 1)], links)

    assert incremental_forward_pass(after, 0, before, {"A"}) == {"A": EarlyChange(0, 3)}


def test_new_task_without_stored_dates_is_computed() -> None:
    before = stored([SchedTask("A", 2)], [])
    after = build_network([SchedTask("A", 2), SchedTask("N", 1)], [SchedLink("A", "N")])

    assert incremental_forward_pass(after, 0, before, {"N"}) == {"N": EarlyChange(2, 3)}


def test_deleted_task_is_ignored_and_its_successor_recomputed() -> None:
    # A [0,5) -> B [5,6); A is deleted, so B (named as changed) falls back to the start.
    before = stored([SchedTask("A", 5), SchedTask("B", 1)], [SchedLink("A", "B")])
    after = build_network([SchedTask("B", 1)], [])

    assert incremental_forward_pass(after, 0, before, {"A", "B"}) == {"B": EarlyChange(0, 1)}


def test_manual_task_keeps_its_start_and_stops_propagation() -> None:
    # A [0,2) -> manual M at 3 -> B [4,5). A grows to 6: M stays, so B does not move.
    links = [SchedLink("A", "M"), SchedLink("M", "B")]
    tasks_after = [SchedTask("A", 6), SchedTask("M", 1, manual=True, start=3), SchedTask("B", 1)]
    before = stored(
        [SchedTask("A", 2), SchedTask("M", 1, manual=True, start=3), SchedTask("B", 1)], links
    )

    changes = incremental_forward_pass(build_network(tasks_after, links), 0, before, {"A"})

    assert changes == {"A": EarlyChange(0, 6)}
