import uuid
from datetime import date

from pydantic import Field

from app.kit.schemas import Output
from app.workload.schemas import RoundedHours


class LeveledTask(Output):
    task_id: uuid.UUID
    key: str
    old_start_date: date
    new_start_date: date
    old_finish_date: date
    new_finish_date: date
    leveling_delay_days: int = Field(
        description="The task's leveling delay after the change, in working days."
    )


class UnresolvedDay(Output):
    """A resource-day leveling could not clear: the tasks on it cannot move (manual, or their
    load alone exceeds what the resource ever has)."""

    resource_id: uuid.UUID
    date: date
    excess_hours: RoundedHours
    task_ids: list[uuid.UUID]


class ScheduleShift(Output):
    moved: list[LeveledTask] = Field(description="Tasks whose dates change, by new start.")
    finish_date: date = Field(description="The project finish after the change.")
    previous_finish_date: date


class LevelingPlan(ScheduleShift):
    unresolved: list[UnresolvedDay]
