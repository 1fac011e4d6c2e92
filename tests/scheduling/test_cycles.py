import time

import pytest

from app.scheduling.cycles import CycleError, find_any_cycle, find_cycle, successor_map
from app.scheduling.network import SchedLink, SchedTask, build_network

CHAIN = 10_000


def test_new_link_closing_a_loop_returns_the_cycle_from_the_new_link() -> None:
    successors = successor_map([("A", "B"), ("B", "C"), ("C", "D")])

    # D -> A would close A -> B -> C -> D -> A
    assert find_cycle(successors, "D", "A") == ["D", "A", "B", "C"]


def test_new_link_without_return_path_closes_no_cycle() -> None:
    successors = successor_map([("A", "B"), ("B", "C")])

    assert find_cycle(successors, "A", "C") is None
    assert find_cycle(successors, "X", "A") is None


def test_new_link_back_to_direct_predecessor_is_a_two_task_cycle() -> None:
    assert find_cycle(successor_map([("A", "B")]), "B", "A") == ["B", "A"]


def test_self_link_is_a_one_task_cycle() -> None:
    assert find_cycle({}, "A", "A") == ["A"]


def test_shortest_cycle_is_reported() -> None:
    # Both A -> B -> C -> D and A -> D lead back to D; the new link D -> A closes either.
    successors = successor_map([("A", "B"), ("B", "C"), ("C", "D"), ("A", "D")])

    assert find_cycle(successors, "D", "A") == ["D", "A"]


def test_graph_without_cycle_has_none() -> None:
    assert find_any_cycle(successor_map([("A", "B"), ("A", "C"), ("B", "C")])) is None


def test_graph_cycle_is_returned_in_link_order() -> None:
    successors = successor_map([("A", "B"), ("B", "C"), ("C", "D"), ("D", "B")])

    assert find_any_cycle(successors) == ["B", "C", "D"]


def test_cycle_through_ten_thousand_tasks_is_found_quickly_and_named() -> None:
    chain = [(k, k + 1) for k in range(CHAIN - 1)]
    successors = successor_map(chain)
    started = time.perf_counter()

    closing = find_cycle(successors, CHAIN - 1, 0)
    whole = find_any_cycle(successor_map([*chain, (CHAIN - 1, 0)]))

    assert time.perf_counter() - started < 1.0
    assert closing == [CHAIN - 1, *range(CHAIN - 1)]
    assert whole == list(range(CHAIN))


def test_network_with_ten_thousand_task_cycle_reports_it() -> None:
    tasks = [SchedTask(k, 1) for k in range(CHAIN)]
    links = [SchedLink(k, (k + 1) % CHAIN) for k in range(CHAIN)]
    started = time.perf_counter()

    with pytest.raises(CycleError) as raised:
        build_network(tasks, links)

    assert time.perf_counter() - started < 1.0
    cycle = raised.value.cycle
    assert len(cycle) == CHAIN
    assert set(cycle) == set(range(CHAIN))
