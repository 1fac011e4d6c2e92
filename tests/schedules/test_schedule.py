from tests.schedules.conftest import Plan


async def test_schedule_shows_slack_and_the_critical_path(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2)
    docs = await plan.task("Docs", duration_days=1)
    await plan.link(design, build)

    response = await plan.owner.client.get(f"{plan.base}/projects/{plan.project['id']}/schedule")

    schedule = response.json()
    assert schedule["finish_date"] == "2026-03-06"
    assert schedule["critical_path"] == [design["id"], build["id"]]
    by_key = {t["key"]: t for t in schedule["tasks"]}
    assert by_key["PLAN-3"] == {
        "task_id": docs["id"],
        "key": "PLAN-3",
        "start_date": "2026-03-02",
        "finish_date": "2026-03-02",
        "early_start": "2026-03-02",
        "early_finish": "2026-03-02",
        "late_start": "2026-03-06",
        "late_finish": "2026-03-06",
        "total_slack_days": 4,
        "free_slack_days": 4,
        "critical": False,
    }
    assert (by_key["PLAN-1"]["total_slack_days"], by_key["PLAN-1"]["critical"]) == (0, True)


async def test_a_missed_finish_no_later_than_is_a_violation(plan: Plan) -> None:
    await plan.task("Late", duration_days=5, constraint_type="fnlt", constraint_date="2026-03-04")

    schedule = (
        await plan.owner.client.get(f"{plan.base}/projects/{plan.project['id']}/schedule")
    ).json()

    assert schedule["violations"] == [
        {
            "task_id": schedule["tasks"][0]["task_id"],
            "key": "PLAN-1",
            "constraint_date": "2026-03-04",
            "early_finish": "2026-03-06",
            "total_slack_days": -2,
        }
    ]


async def test_preview_shows_what_would_move_and_writes_nothing(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=3)
    build = await plan.task("Build", duration_days=2)
    docs = await plan.task("Docs")
    await plan.link(design, build)
    url = f"{plan.base}/projects/{plan.project['id']}/schedule"

    preview = await plan.owner.client.post(
        f"{url}/preview",
        json={
            "tasks": [{"task_id": "PLAN-1", "duration_days": 5}],
            "add_dependencies": [{"predecessor_id": "PLAN-2", "successor_id": "PLAN-3"}],
        },
    )

    assert preview.status_code == 200
    assert sorted(preview.json()["moved_task_ids"]) == sorted(
        [design["id"], build["id"], docs["id"]]
    )
    # Design Mon 2 - Fri 6, Build Mon 9 - Tue 10, Docs Wed 11.
    assert preview.json()["finish_date"] == "2026-03-11"
    assert (await plan.get(build))["start_date"] == "2026-03-05"
    assert (await plan.owner.client.get(url)).json()["finish_date"] == "2026-03-06"


async def test_preview_refuses_a_cycle(plan: Plan) -> None:
    a, b = await plan.task("A"), await plan.task("B")
    await plan.link(a, b)

    response = await plan.owner.client.post(
        f"{plan.base}/projects/{plan.project['id']}/schedule/preview",
        json={"add_dependencies": [{"predecessor_id": b["id"], "successor_id": a["id"]}]},
    )

    assert response.status_code == 409
    assert response.json()["cycle"] == ["PLAN-2", "PLAN-1"]


async def test_preview_can_remove_a_link(plan: Plan) -> None:
    a, b = await plan.task("A", duration_days=3), await plan.task("B")
    link = (await plan.link(a, b)).json()

    response = await plan.owner.client.post(
        f"{plan.base}/projects/{plan.project['id']}/schedule/preview",
        json={"remove_dependency_ids": [link["id"]]},
    )

    assert response.json()["moved_task_ids"] == [b["id"]]


async def test_a_predecessor_in_another_project_does_not_set_this_projects_finish(
    plan: Plan,
) -> None:
    other = await plan.owner.project(plan.wid, key="LATE", start_date="2026-03-02")
    long = await plan.owner.task(plan.wid, other["id"], title="Long", duration_days=16)
    mine = await plan.task("Mine")
    # SS -10: Mine may start ten days before Long starts, so only the project start holds it.
    await plan.link(long, mine, type="SS", lag_days=-10)

    response = await plan.owner.client.get(f"{plan.base}/projects/{plan.project['id']}/schedule")

    body = response.json()
    assert body["finish_date"] == "2026-03-02"
    assert [(t["key"], t["total_slack_days"], t["critical"]) for t in body["tasks"]] == [
        (mine["key"], 0, True)
    ]
    assert body["critical_path"] == [mine["id"]]


async def test_preview_names_the_tasks_it_would_move_in_dependent_projects(plan: Plan) -> None:
    design = await plan.task("Design", duration_days=2)
    second = await plan.owner.project(plan.wid, key="NEXT", start_date="2026-03-02")
    third = await plan.owner.project(plan.wid, key="LAST", start_date="2026-03-02")
    build = await plan.owner.task(plan.wid, second["id"], title="Build")
    ship = await plan.owner.task(plan.wid, third["id"], title="Ship")
    slack = await plan.owner.task(plan.wid, third["id"], title="Far", duration_days=20)
    await plan.link(design, build)
    await plan.link(build, ship)
    await plan.link(design, slack, type="SS")

    preview = await plan.owner.client.post(
        f"{plan.base}/projects/{plan.project['id']}/schedule/preview",
        json={"tasks": [{"task_id": design["key"], "duration_days": 4}]},
    )

    assert preview.status_code == 200, preview.text
    assert sorted(preview.json()["moved_task_ids"]) == sorted(
        [design["id"], build["id"], ship["id"]]
    )
    assert (await plan.get(build))["start_date"] == "2026-03-04"
