import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select, update

from app.models import Project, RecurringRule, Task
from app.recurring.service import materialise, top_up
from tests.support.http import ClientFactory, Person


def _mondays(first: date, last: date) -> list[str]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d.isoformat() for d in days if d.isoweekday() == 1]


async def _ongoing(owner: Person) -> tuple[str, dict]:
    wid = (await owner.workspace())["id"]
    return wid, await owner.project(wid, kind="ongoing", target_date=None, start_date=None)


async def test_rule_creates_its_next_30_days_of_tasks_at_once(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    today = datetime.now(UTC).date()

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules",
        json={
            "title": "Weekly report",
            "rrule": "FREQ=WEEKLY;BYDAY=MO",
            "assignee_ids": [owner.member_ids[wid]],
        },
    )

    assert response.status_code == 201
    assert response.json()["materialized_until"] == (today + timedelta(days=30)).isoformat()
    listed = (
        await owner.client.get(
            f"/api/v1/workspaces/{wid}/tasks",
            params={"project_id": project["id"], "sort": "due_date"},
        )
    ).json()["items"]
    assert [t["due_date"] for t in listed] == _mondays(today, today + timedelta(days=30))
    assert {t["title"] for t in listed} == {"Weekly report"}
    assert all(t["assignee_ids"] == [owner.member_ids[wid]] for t in listed)


async def test_materialising_twice_creates_no_duplicates_and_later_days_top_up(
    clients: ClientFactory, sessionmaker
) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    created = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules",
        json={"title": "Daily check", "rrule": "FREQ=DAILY", "starts_on": "2030-01-01"},
    )
    rule_id = uuid.UUID(created.json()["id"])

    async with sessionmaker() as session:
        rule = await session.get(RecurringRule, (uuid.UUID(wid), rule_id))
        ongoing = await session.get(Project, (uuid.UUID(wid), uuid.UUID(project["id"])))
        first = await materialise(session, None, rule, ongoing, date(2030, 1, 1))
        again = await materialise(session, None, rule, ongoing, date(2030, 1, 1))
        next_day = await materialise(session, None, rule, ongoing, date(2030, 1, 2))
        total = await session.scalar(
            select(func.count()).select_from(Task).where(Task.recurring_rule_id == rule_id)
        )
        await session.commit()

    assert (len(first), len(again), len(next_day), total) == (31, 0, 1, 32)


async def test_top_up_is_idempotent(clients: ClientFactory, sessionmaker) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules",
        json={"title": "Standup", "rrule": "FREQ=DAILY"},
    )

    await top_up(sessionmaker)
    assert await top_up(sessionmaker) == 0


async def test_invalid_or_sub_daily_rules_are_rejected(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"

    answers = [
        await owner.client.post(url, json={"title": "x", "rrule": "FREQ=SOMETIMES"}),
        await owner.client.post(url, json={"title": "x", "rrule": "FREQ=HOURLY"}),
    ]

    assert [a.status_code for a in answers] == [422, 422]
    assert {a.json()["errors"][0]["pointer"] for a in answers} == {"/rrule"}


async def test_a_repeated_freq_is_rejected_not_read_as_its_last(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"

    response = await owner.client.post(
        url, json={"title": "x", "rrule": "FREQ=DAILY;FREQ=MINUTELY"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/rrule"


async def test_times_within_a_day_are_rejected(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"

    answers = [
        await owner.client.post(url, json={"title": "x", "rrule": f"FREQ=DAILY;{part}"})
        for part in ("BYHOUR=0,1,2", "BYMINUTE=0,30", "BYSECOND=0,1")
    ]

    assert [a.status_code for a in answers] == [422, 422, 422]


async def _rule(owner: Person, wid: str, project_id: str) -> dict:
    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{project_id}/recurring-rules",
        json={"title": "Daily check", "rrule": "FREQ=DAILY"},
    )
    assert response.status_code == 201, response.text
    return response.json()


async def _due_again(sessionmaker, rule_id: str, rrule: str | None = None) -> None:
    """The rule as if stored before today's checks (`rrule`) and due for a top-up."""
    values: dict = {"materialized_until": None}
    if rrule is not None:
        values["rrule"] = rrule
    async with sessionmaker() as session:
        await session.execute(
            update(RecurringRule).where(RecurringRule.id == uuid.UUID(rule_id)).values(**values)
        )
        await session.commit()


async def test_a_failing_rule_holds_up_no_other_rule(clients: ClientFactory, sessionmaker) -> None:
    owner, other = await clients.user(), await clients.user()
    wid, project = await _ongoing(owner)
    other_wid, other_project = await _ongoing(other)
    bad = await _rule(owner, wid, project["id"])
    good = await _rule(other, other_wid, other_project["id"])
    await _due_again(sessionmaker, bad["id"], "FREQ=DAILY;BYHOUR=1,2")
    await _due_again(sessionmaker, good["id"])

    await top_up(sessionmaker)

    bad_url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules/{bad['id']}"
    good_url = (
        f"/api/v1/workspaces/{other_wid}/projects/{other_project['id']}/recurring-rules/"
        f"{good['id']}"
    )
    shown_bad = (await owner.client.get(bad_url)).json()
    shown_good = (await other.client.get(good_url)).json()
    assert shown_good["materialized_until"] == good["materialized_until"]
    assert (shown_bad["state"], shown_bad["materialized_until"]) == ("active", None)
    assert "BYHOUR" in shown_bad["last_error"]


async def test_a_rule_failing_three_runs_is_marked_failed_until_edited(
    clients: ClientFactory, sessionmaker
) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    rule = await _rule(owner, wid, project["id"])
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules/{rule['id']}"
    await _due_again(sessionmaker, rule["id"], "FREQ=DAILY;FREQ=MINUTELY")

    for _ in range(3):
        await top_up(sessionmaker)
    failed = await owner.client.get(url)
    edited = await owner.client.patch(
        url, json={"rrule": "FREQ=WEEKLY;BYDAY=MO"}, headers={"If-Match": failed.headers["ETag"]}
    )

    assert failed.json()["state"] == "failed"
    assert failed.json()["failed_at"] is not None
    assert edited.status_code == 200, edited.text
    assert (edited.json()["state"], edited.json()["last_error"]) == ("active", None)
    assert edited.json()["materialized_until"] is not None


async def test_rules_belong_to_ongoing_work_only(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    project = await owner.project(wid)

    response = await owner.client.post(
        f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules",
        json={"title": "x", "rrule": "FREQ=DAILY"},
    )

    assert response.status_code == 409
    assert response.json()["code"] == "not_ongoing_work"


async def test_changing_the_rule_keeps_existing_tasks(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"
    rule = (
        await owner.client.post(url, json={"title": "Report", "rrule": "FREQ=WEEKLY;BYDAY=MO"})
    ).json()
    before = len(
        (
            await owner.client.get(
                f"/api/v1/workspaces/{wid}/tasks", params={"project_id": project["id"]}
            )
        ).json()["items"]
    )

    response = await owner.client.patch(
        f"{url}/{rule['id']}",
        json={"rrule": "FREQ=WEEKLY;BYDAY=MO,FR"},
        headers={"If-Match": '"1"'},
    )

    assert response.status_code == 200
    after = (
        await owner.client.get(
            f"/api/v1/workspaces/{wid}/tasks", params={"project_id": project["id"], "limit": 200}
        )
    ).json()["items"]
    assert len(after) > before
    assert len({t["due_date"] for t in after}) == len(after)


async def _tasks_of(owner: Person, wid: str, project_id: str) -> list[dict]:
    response = await owner.client.get(
        f"/api/v1/workspaces/{wid}/tasks",
        params={"project_id": project_id, "limit": 200, "sort": "due_date"},
    )
    return response.json()["items"]  # type: ignore[no-any-return]


async def test_deleting_a_rule_keeps_the_tasks_it_made(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"
    rule = (await owner.client.post(url, json={"title": "Standup", "rrule": "FREQ=DAILY"})).json()

    response = await owner.client.delete(f"{url}/{rule['id']}", headers={"If-Match": '"1"'})

    assert response.status_code == 204, response.text
    assert len(await _tasks_of(owner, wid, project["id"])) == 31
    assert (await owner.client.get(f"{url}/{rule['id']}")).status_code == 404


async def test_a_deleted_occurrence_stays_deleted_when_the_rule_changes_or_tops_up(
    clients: ClientFactory, sessionmaker
) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"
    rule = (await owner.client.post(url, json={"title": "Standup", "rrule": "FREQ=DAILY"})).json()
    doomed = (await _tasks_of(owner, wid, project["id"]))[3]
    await owner.client.delete(f"/api/v1/workspaces/{wid}/tasks/{doomed['id']}")

    await owner.client.patch(
        f"{url}/{rule['id']}", json={"title": "Daily standup"}, headers={"If-Match": '"1"'}
    )
    await top_up(sessionmaker)

    due = [t["due_date"] for t in await _tasks_of(owner, wid, project["id"])]
    assert doomed["due_date"] not in due
    assert len(due) == 30


async def test_a_new_weekday_replaces_the_upcoming_tasks_nobody_started(
    clients: ClientFactory,
) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"
    rule = (
        await owner.client.post(url, json={"title": "Report", "rrule": "FREQ=WEEKLY;BYDAY=MO"})
    ).json()
    started = (await _tasks_of(owner, wid, project["id"]))[0]
    statuses = (
        await owner.client.get(f"/api/v1/workspaces/{wid}/projects/{project['id']}/statuses")
    ).json()["items"]
    doing = next(s["id"] for s in statuses if s["category"] == "in_progress")
    await owner.client.patch(
        f"/api/v1/workspaces/{wid}/tasks/{started['id']}", json={"status_id": doing}
    )

    response = await owner.client.patch(
        f"{url}/{rule['id']}", json={"rrule": "FREQ=WEEKLY;BYDAY=TU"}, headers={"If-Match": '"1"'}
    )

    assert response.status_code == 200, response.text
    today = datetime.now(UTC).date()
    tuesdays = [
        (today + timedelta(days=n)).isoformat()
        for n in range(31)
        if (today + timedelta(days=n)).isoweekday() == 2
    ]
    due = sorted(t["due_date"] for t in await _tasks_of(owner, wid, project["id"]))
    assert due == sorted([started["due_date"], *tuesdays])


async def test_a_rule_that_never_occurs_again_is_refused(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    url = f"/api/v1/workspaces/{wid}/projects/{project['id']}/recurring-rules"

    answers = [
        await owner.client.post(url, json={"title": "x", "rrule": "FREQ=DAILY;COUNT=0"}),
        await owner.client.post(
            url, json={"title": "x", "rrule": "FREQ=DAILY;UNTIL=20200101T000000Z"}
        ),
    ]

    assert [a.status_code for a in answers] == [422, 422]
    assert {a.json()["errors"][0]["pointer"] for a in answers} == {"/rrule"}


async def test_a_deleted_rule_records_what_it_was(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid, project = await _ongoing(owner)
    project_url = f"/api/v1/workspaces/{wid}/projects/{project['id']}"
    url = f"{project_url}/recurring-rules"
    rule = (
        await owner.client.post(
            url, json={"title": "Standup", "rrule": "FREQ=WEEKLY;BYDAY=MO", "priority": "high"}
        )
    ).json()

    deleted = await owner.client.delete(f"{url}/{rule['id']}", headers={"If-Match": '"1"'})
    events = (await owner.client.get(f"{project_url}/activity", params={"limit": 200})).json()

    assert deleted.status_code == 204, deleted.text
    by_type = {e["type"]: e for e in events["items"] if e["entity_id"] == rule["id"]}
    made = by_type["recurring_rule.created"]["changes"]
    gone = by_type["recurring_rule.deleted"]["changes"]
    assert gone == {field: {"before": c["after"], "after": None} for field, c in made.items()}
    assert gone["title"] == {"before": "Standup", "after": None}
    assert gone["rrule"] == {"before": "FREQ=WEEKLY;BYDAY=MO", "after": None}
    assert gone["priority"] == {"before": "high", "after": None}
    assert gone["active"] == {"before": True, "after": None}
