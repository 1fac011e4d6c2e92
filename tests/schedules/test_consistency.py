import random
import uuid

from app.models import Project
from app.schedules import service as schedules
from tests.schedules.conftest import Plan


async def test_rescheduling_only_what_a_change_reaches_matches_a_full_recompute(
    plan: Plan, sessionmaker
) -> None:
    rng = random.Random(3)
    tasks = [await plan.task(f"T{n}", duration_days=rng.randint(0, 4)) for n in range(24)]
    for _ in range(40):
        a, b = sorted(rng.sample(range(len(tasks)), 2))
        await plan.link(
            tasks[a],
            tasks[b],
            type=rng.choice(["FS", "SS", "FF", "SF"]),
            lag_days=rng.randint(-2, 3),
        )
    for _ in range(12):
        task = rng.choice(tasks)
        change = rng.choice(
            [
                {"duration_days": rng.randint(0, 6)},
                {"start_date": f"2026-03-{rng.randint(2, 27):02d}"},
                {"leveling_delay_days": rng.randint(0, 3)},
            ]
        )
        assert (await plan.patch(task, **change)).status_code == 200

    async with sessionmaker() as session:
        project = await session.get(Project, (uuid.UUID(plan.wid), uuid.UUID(plan.project["id"])))
        moved = await schedules.reschedule(session, None, project)
        await session.rollback()

    assert moved == []
