"""How the interpreter runs a server process."""

import gc

# A request allocates thousands of short-lived objects. At CPython's default (a young
# collection every 700 net allocations, each walking the young objects, and older collections
# walking everything) the task list spent a fifth of its CPU in the collector
# (docs/performance.md, "Task list").
YOUNG_COLLECTION_EVERY = 50_000


def tune_garbage_collector() -> None:
    """Freeze what startup built (modules, routes, models, metadata: alive until the process
    ends, so never worth walking again) and collect young objects less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 10, 10)
