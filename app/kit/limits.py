"""The work one request may ask for (docs/security.md, "Bounded work"); past a bound the
answer is 422, never minutes of work.

Set from the settings when the app is made (`configure_work_limits`); the services that do
the work read them here, rather than every route handing them down.
"""

from dataclasses import dataclass, fields

from app.core.config import Settings


@dataclass
class WorkLimits:
    plan_max_tasks: int
    report_max_days: int
    report_max_rows: int
    workload_max_daily_days: int


limits = WorkLimits(
    **{field.name: Settings.model_fields[field.name].default for field in fields(WorkLimits)}
)


def configure_work_limits(settings: Settings) -> None:
    for field in fields(WorkLimits):
        setattr(limits, field.name, getattr(settings, field.name))
