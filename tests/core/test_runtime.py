import gc
from typing import Any

from app.core.runtime import YOUNG_COLLECTION_EVERY


def test_a_started_server_has_frozen_its_startup_objects(app: Any) -> None:
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == YOUNG_COLLECTION_EVERY
