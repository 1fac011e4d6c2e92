"""Dependencies through the API: every change reschedules what it reaches (docs/design.md §7).

Dates in comments count working days of the default Monday-Friday calendar; the projects start on
Monday 2026-03-02.
"""

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.schedules.conftest import Plan
from tests.support.events import event_changes
from tests.support.http import ClientFactory


async def test_new_auto_task_sits_at_the_project_start(plan: Plan) -> None:
    task = await plan.task("First")

    assert (task["start_date"], task["finish_date"], task["version"]) == (
        "2026-03-02",
        "2026-03-02",
        1,
    )


async def test_finish_to_start_link_moves_the_successor(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2)

    response = await plan.link(design, build)

    assert response.status_code == 201
    assert response.json()["type"] == "FS"
    assert response.json()["lag_days"] == 0
    # Design Mon 2 - Wed 4, so Build Thu 5 - Fri 6.
    moved = await plan.get(build)
    assert (moved["start_date"], moved["finish_date"], moved["version"]) == (
        "2026-03-05",
        "2026-03-06",
        2,
    )


async def test_rescheduled_task_records_old_and_new_dates_and_the_cause(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2)
    await plan.link(design, build)

    events = (await plan.owner.client.get(f"{plan.base}/tasks/{build['id']}/activity")).json()[
        "items"
    ]

    assert events[0]["type"] == "task.rescheduled"
    assert events[0]["changes"] == {
        "start_date": {"before": "2026-03-02", "after": "2026-03-05"},
        "finish_date": {"before": "2026-03-03", "after": "2026-03-06"},
        "cause": {"before": None, "after": "PLAN-1 → PLAN-2 (FS) was added"},
    }


async def test_lag_counts_working_days_across_the_weekend(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    review = await plan.task("Review", duration_days=1)

    await plan.link(design, review, lag_days=2)

    # Finish index 3 (Thu) + 2 = index 5: Monday 9.
    assert (await plan.get(review))["start_date"] == "2026-03-09"


async def test_a_longer_predecessor_pushes_the_chain(plan: Plan) -> None:
    a, b, c = [await plan.task(t, duration_days=1) for t in "ABC"]
    await plan.link(a, b)
    await plan.link(b, c)

    await plan.patch(a, duration_days=4)

    # A Mon 2 - Thu 5, B Fri 6, C Mon 9.
    assert [(await plan.get(t))["start_date"] for t in (a, b, c)] == [
        "2026-03-02",
        "2026-03-06",
        "2026-03-09",
    ]


async def test_moving_an_auto_task_by_hand_pins_it_with_snet(plan: Plan) -> None:
    task = await plan.task("Kickoff")

    response = await plan.patch(task, start_date="2026-03-11")

    assert response.json()["constraint_type"] == "snet"
    assert response.json()["constraint_date"] == "2026-03-11"
    assert response.json()["start_date"] == "2026-03-11"


async def test_a_predecessor_still_pushes_a_pinned_task(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=5)
    build = await plan.task("Build")
    await plan.link(design, build)

    response = await plan.patch(build, start_date="2026-03-03")

    # Design ends Fri 6: Build cannot start before Mon 9, whatever was typed.
    assert response.json()["start_date"] == "2026-03-09"
    assert response.headers["ETag"] == f'"{response.json()["version"]}"'


async def test_a_leveling_delay_moves_the_task_and_its_successors(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=2)
    build = await plan.task("Build", duration_days=2)
    test = await plan.task("Test")
    await plan.link(design, build)
    await plan.link(build, test)

    response = await plan.patch(build, leveling_delay_days=3)

    # Design ends Tue 3; Build starts 3 working days after Wed 4, on Mon 9.
    assert (response.json()["start_date"], response.json()["finish_date"]) == (
        "2026-03-09",
        "2026-03-10",
    )
    assert (await plan.get(test))["start_date"] == "2026-03-11"


async def test_moving_a_delayed_task_by_hand_drops_its_delay(plan: Plan) -> None:
    task = await plan.task("Kickoff")
    await plan.patch(task, leveling_delay_days=4)

    response = await plan.patch(task, start_date="2026-03-04")

    assert (response.json()["start_date"], response.json()["leveling_delay_days"]) == (
        "2026-03-04",
        0,
    )


async def test_a_negative_or_null_leveling_delay_is_refused(plan: Plan) -> None:
    task = await plan.task("Kickoff")

    negative = await plan.patch(task, leveling_delay_days=-1)
    null = await plan.patch(task, leveling_delay_days=None)

    assert (negative.status_code, null.status_code) == (422, 422)
    assert null.json()["errors"][0]["pointer"] == "/leveling_delay_days"


async def test_manual_predecessor_keeps_its_dates_and_drives_successors(plan: Plan) -> None:
    fixed = await plan.task(
        "Audit", scheduling_mode="manual", start_date="2026-03-10", duration_days=2
    )
    follow = await plan.task("Report")

    await plan.link(fixed, follow)

    assert (await plan.get(fixed))["start_date"] == "2026-03-10"
    assert (await plan.get(follow))["start_date"] == "2026-03-12"


async def test_removing_a_link_lets_the_successor_start_earlier(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build")
    link = (await plan.link(design, build)).json()

    await plan.owner.client.delete(f"{plan.base}/dependencies/{link['id']}")

    assert (await plan.get(build))["start_date"] == "2026-03-02"


async def test_changing_type_and_lag_reschedules(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2)
    link = (await plan.link(design, build)).json()

    response = await plan.owner.client.patch(
        f"{plan.base}/dependencies/{link['id']}",
        json={"type": "SS", "lag_days": 1},
        headers={"If-Match": '"1"'},
    )

    assert response.json()["version"] == 2
    assert (await plan.get(build))["start_date"] == "2026-03-03"


async def test_deleting_a_predecessor_frees_its_successors(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build")
    await plan.link(design, build)

    await plan.owner.client.delete(f"{plan.base}/tasks/{design['id']}")

    assert (await plan.get(build))["start_date"] == "2026-03-02"


async def test_links_may_cross_projects_of_the_workspace(plan: Plan) -> None:
    other = await plan.owner.project(plan.wid, key="OTHER", start_date="2026-03-02")
    upstream = await plan.task("Upstream", duration_days=2)
    downstream = await plan.owner.task(plan.wid, other["id"], title="Downstream")

    await plan.link(upstream, downstream)

    assert (await plan.get(downstream))["start_date"] == "2026-03-04"


async def test_a_holiday_moves_the_tasks_it_falls_in(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build")
    await plan.link(design, build)
    calendar = (await plan.owner.client.get(f"{plan.base}/calendars")).json()["items"][0]

    await plan.owner.client.post(
        f"{plan.base}/calendars/{calendar['id']}/exceptions",
        json={"date": "2026-03-03", "working": False},
    )

    # Mon 2, (Tue 3 off), Wed 4, Thu 5: Design ends Thu 5, Build starts Fri 6.
    assert (await plan.get(design))["finish_date"] == "2026-03-05"
    assert (await plan.get(build))["start_date"] == "2026-03-06"


async def test_a_holiday_moves_a_manual_tasks_finish_and_what_follows_it(plan: Plan) -> None:
    fixed = await plan.task(
        "Audit", scheduling_mode="manual", start_date="2026-03-05", duration_days=4
    )
    follow = await plan.task("Report")
    await plan.link(fixed, follow)
    calendar = (await plan.owner.client.get(f"{plan.base}/calendars")).json()["items"][0]

    await plan.owner.client.post(
        f"{plan.base}/calendars/{calendar['id']}/exceptions",
        json={"date": "2026-03-06", "working": False},
    )
    await plan.patch(follow, duration_days=2)

    # Thu 5, (Fri 6 off), Mon 9, Tue 10, Wed 11: the audit keeps its start and ends Wed 11.
    assert ((await plan.get(fixed))["start_date"], (await plan.get(fixed))["finish_date"]) == (
        "2026-03-05",
        "2026-03-11",
    )
    assert ((await plan.get(follow))["start_date"], (await plan.get(follow))["finish_date"]) == (
        "2026-03-12",
        "2026-03-13",
    )


async def test_a_later_project_start_moves_unpinned_tasks(plan: Plan) -> None:
    task = await plan.task("Anything")
    url = f"{plan.base}/projects/{plan.project['id']}"

    await plan.owner.client.patch(url, json={"start_date": "2026-03-16"})

    assert (await plan.get(task))["start_date"] == "2026-03-16"


async def test_manual_projects_keep_dates_as_typed(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid, scheduling_mode="manual")
    plan = Plan(owner, wid, project)
    a = await plan.task("A", start_date="2026-03-02", duration_days=3)
    b = await plan.task("B", start_date="2026-03-02")

    await plan.link(a, b)

    assert (await plan.get(b))["start_date"] == "2026-03-02"


async def test_self_links_duplicates_and_unknown_tasks_are_refused(plan: Plan) -> None:
    a, b = await plan.task("A"), await plan.task("B")
    await plan.link(a, b)

    answers = [
        await plan.link(a, a),
        await plan.link(a, b),
        await plan.owner.client.post(
            f"{plan.base}/dependencies", json={"predecessor_id": "NOPE-1", "successor_id": b["id"]}
        ),
        await plan.link(a, b, type="XX"),
    ]

    assert [a.status_code for a in answers] == [422, 409, 422, 422]
    assert answers[1].json()["code"] == "dependency_exists"
    assert answers[2].json()["errors"][0]["pointer"] == "/predecessor_id"


async def test_a_link_closing_a_cycle_is_refused_and_named(plan: Plan) -> None:
    a, b, c = [await plan.task(t) for t in "ABC"]
    await plan.link(a, b)
    await plan.link(b, c)

    response = await plan.link(c, a)

    assert response.status_code == 409
    assert response.json()["code"] == "dependency_cycle"
    assert response.json()["cycle"] == ["PLAN-3", "PLAN-1", "PLAN-2"]


async def test_dependencies_can_be_listed_by_task_key(plan: Plan) -> None:
    a, b, c = [await plan.task(t) for t in "ABC"]
    await plan.link(a, b)
    await plan.link(b, c)

    listed = (
        await plan.owner.client.get(f"{plan.base}/dependencies", params={"task_id": "PLAN-3"})
    ).json()["items"]

    assert [(d["predecessor_id"], d["successor_id"]) for d in listed] == [(b["id"], c["id"])]


async def test_a_deleted_link_records_what_it_was(
    plan: Plan, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build")
    link = (await plan.link(design, build, type="SS", lag_days=2)).json()

    deleted = await plan.owner.client.delete(f"{plan.base}/dependencies/{link['id']}")

    assert deleted.status_code == 204
    changes = await event_changes(sessionmaker, "dependency.deleted", link["id"])
    assert changes == {
        "predecessor_id": {"before": design["id"], "after": None},
        "successor_id": {"before": build["id"], "after": None},
        "type": {"before": "SS", "after": None},
        "lag_days": {"before": 2, "after": None},
    }
