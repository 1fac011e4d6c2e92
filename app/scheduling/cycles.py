"""Dependency cycles: the one a new link would close, or any in a whole graph.

Both searches are iterative, so a cycle through tens of thousands of tasks costs time linear in
the graph and no recursion depth. A cycle is returned in link order, `[a, b, ..., z]`: each task
links to the next and `z` links back to `a`; a self-link is `[a]`.
"""

from collections import deque
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence

TaskId = Hashable
Successors = Mapping[TaskId, Collection[TaskId]]
_EXHAUSTED = object()


class CycleError(ValueError):
    """The links contain a cycle; `cycle` names it in link order."""

    def __init__(self, cycle: Sequence[TaskId]) -> None:
        self.cycle: tuple[TaskId, ...] = tuple(cycle)
        walk = " -> ".join(str(task) for task in (*self.cycle, self.cycle[0]))
        super().__init__(f"dependency cycle: {walk}")


def successor_map(links: Iterable[tuple[TaskId, TaskId]]) -> dict[TaskId, list[TaskId]]:
    """Adjacency of (predecessor, successor) pairs, the shape both searches take."""
    successors: dict[TaskId, list[TaskId]] = {}
    for predecessor, successor in links:
        successors.setdefault(predecessor, []).append(successor)
    return successors


def find_cycle(
    successors: Successors, predecessor: TaskId, successor: TaskId
) -> list[TaskId] | None:
    """The cycle that adding the link `predecessor -> successor` would close, or None.

    The answer starts with `predecessor, successor` and follows existing links back towards
    `predecessor`; breadth-first, so it is a shortest such cycle, which reads best in an error.
    """
    parent: dict[TaskId, TaskId] = {successor: successor}
    queue = deque([successor])
    while queue:
        task = queue.popleft()
        if task == predecessor:
            path = [task]
            while task != successor:
                task = parent[task]
                path.append(task)
            # path runs predecessor <- ... <- successor; the new link closes it.
            return [predecessor, *reversed(path[1:])]
        for nxt in successors.get(task, ()):
            if nxt not in parent:
                parent[nxt] = task
                queue.append(nxt)
    return None


def find_any_cycle(successors: Successors) -> list[TaskId] | None:
    """Some cycle among the links, or None when they form a DAG."""
    done: set[TaskId] = set()
    for root in successors:
        if root in done:
            continue
        # The current depth-first path, with each task's position on it and its unvisited links.
        path: list[TaskId] = [root]
        on_path: dict[TaskId, int] = {root: 0}
        pending: list[Iterator[TaskId]] = [iter(successors.get(root, ()))]
        while pending:
            nxt = next(pending[-1], _EXHAUSTED)
            if nxt is _EXHAUSTED:
                finished = path.pop()
                del on_path[finished]
                done.add(finished)
                pending.pop()
            elif nxt in on_path:
                return path[on_path[nxt] :]
            elif nxt not in done:
                on_path[nxt] = len(path)
                path.append(nxt)
                pending.append(iter(successors.get(nxt, ())))
    return None
