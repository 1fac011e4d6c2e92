from tests.support.http import ClientFactory


async def test_mention_notifies_and_subscribes_the_mentioned_member(clients: ClientFactory) -> None:
    owner, colleague, third = (
        await clients.user(name="Olive"),
        await clients.user(),
        await clients.user(),
    )
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, colleague)
    await owner.add_member(wid, third)
    project = await owner.project(wid)
    task = await owner.task(wid, project["id"], title="Release")
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    response = await owner.client.post(
        f"{url}/comments",
        json={"body": f"Ready? <@{colleague.member_ids[wid]}> and @{third.email.upper()}"},
    )

    assert response.status_code == 201
    assert sorted(response.json()["mentioned_member_ids"]) == sorted(
        [colleague.member_ids[wid], third.member_ids[wid]]
    )
    inbox = (await colleague.client.get("/api/v1/me/notifications")).json()["items"]
    assert [(n["kind"], n["task_id"], n["summary"]) for n in inbox] == [
        ("mention", task["id"], "Olive mentioned you on Release")
    ]
    watchers = (await owner.client.get(f"{url}/watchers")).json()
    assert {w["member_id"] for w in watchers} == {
        owner.member_ids[wid],
        colleague.member_ids[wid],
        third.member_ids[wid],
    }


async def test_watchers_hear_of_new_comments_but_not_their_own(clients: ClientFactory) -> None:
    owner, watcher = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, watcher)
    task = await owner.task(wid, (await owner.project(wid))["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"
    await owner.client.put(f"{url}/watchers/{watcher.member_ids[wid]}")

    await owner.client.post(f"{url}/comments", json={"body": "progress"})

    assert [
        n["kind"] for n in (await watcher.client.get("/api/v1/me/notifications")).json()["items"]
    ] == ["comment"]
    assert (await owner.client.get("/api/v1/me/notifications")).json()["items"] == []


async def test_notifications_can_be_marked_read(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, colleague)
    task = await owner.task(wid, (await owner.project(wid))["id"])
    for _ in range(2):
        await owner.client.post(
            f"/api/v1/workspaces/{wid}/tasks/{task['id']}/comments",
            json={"body": f"<@{colleague.member_ids[wid]}>"},
        )
    first = (await colleague.client.get("/api/v1/me/notifications")).json()["items"][0]

    one = await colleague.client.post(f"/api/v1/me/notifications/{first['id']}/read")
    unread = (
        await colleague.client.get("/api/v1/me/notifications", params={"unread": True})
    ).json()["items"]
    rest = await colleague.client.post("/api/v1/me/notifications/read-all")

    assert one.json()["read_at"] is not None
    assert len(unread) == 1
    assert rest.json() == {"marked": 1}
    assert (
        await owner.client.post(f"/api/v1/me/notifications/{first['id']}/read")
    ).status_code == 404


async def test_only_the_author_edits_a_comment(clients: ClientFactory) -> None:
    owner, colleague = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, colleague)
    task = await owner.task(wid, (await owner.project(wid))["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}/comments"
    comment = (await owner.client.post(url, json={"body": "mine"})).json()

    theirs = await colleague.client.patch(f"{url}/{comment['id']}", json={"body": "hijack"})
    own = await owner.client.patch(f"{url}/{comment['id']}", json={"body": "edited"})

    assert theirs.status_code == 403
    assert own.json()["body"] == "edited"
    listed = (await owner.client.get(url)).json()["items"]
    assert [c["body"] for c in listed] == ["edited"]


async def test_comments_appear_in_the_task_activity(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    task = await owner.task(wid, (await owner.project(wid))["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    await owner.client.post(f"{url}/comments", json={"body": "hello"})

    assert [e["type"] for e in (await owner.client.get(f"{url}/activity")).json()["items"]] == [
        "comment.created",
        "task.created",
    ]


async def test_an_edit_that_mentions_someone_new_notifies_only_them(
    clients: ClientFactory,
) -> None:
    owner, first, second = (
        await clients.user(name="Olive"),
        await clients.user(),
        await clients.user(),
    )
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, first)
    await owner.add_member(wid, second)
    project = await owner.project(wid)
    task = await owner.task(wid, project["id"], title="Release")
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}/comments"
    comment = (
        await owner.client.post(url, json={"body": f"Ready? <@{first.member_ids[wid]}>"})
    ).json()

    response = await owner.client.patch(
        f"{url}/{comment['id']}",
        json={"body": f"Ready? <@{first.member_ids[wid]}> <@{second.member_ids[wid]}>"},
    )

    assert response.status_code == 200, response.text
    first_inbox = (await first.client.get("/api/v1/me/notifications")).json()["items"]
    second_inbox = (await second.client.get("/api/v1/me/notifications")).json()["items"]
    assert len(first_inbox) == 1
    assert [(n["kind"], n["comment_id"]) for n in second_inbox] == [("mention", comment["id"])]
    watchers = await owner.client.get(f"/api/v1/workspaces/{wid}/tasks/{task['id']}/watchers")
    assert second.member_ids[wid] in {w["member_id"] for w in watchers.json()}


async def test_comment_events_carry_the_body(clients: ClientFactory) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    task = await owner.task(wid, (await owner.project(wid))["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"
    comment = (await owner.client.post(f"{url}/comments", json={"body": "hello"})).json()

    await owner.client.delete(f"{url}/comments/{comment['id']}")

    events = (await owner.client.get(f"{url}/activity")).json()["items"]
    assert [(e["type"], e["changes"]) for e in events[:2]] == [
        (
            "comment.deleted",
            {
                "comment_id": {"before": comment["id"], "after": None},
                "comment_body": {"before": "hello", "after": None},
            },
        ),
        (
            "comment.created",
            {
                "comment_id": {"before": None, "after": comment["id"]},
                "comment_body": {"before": None, "after": "hello"},
            },
        ),
    ]


async def test_watching_and_unwatching_are_task_events(clients: ClientFactory) -> None:
    owner, watcher = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, watcher)
    task = await owner.task(wid, (await owner.project(wid))["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"
    member_id = watcher.member_ids[wid]

    added = await owner.client.put(f"{url}/watchers/{member_id}")
    again = await owner.client.put(f"{url}/watchers/{member_id}")
    removed = await owner.client.delete(f"{url}/watchers/{member_id}")

    assert (added.status_code, again.status_code, removed.status_code) == (200, 200, 204)
    events = (await owner.client.get(f"{url}/activity")).json()["items"]
    assert [(e["type"], e["changes"], e["actor_id"]) for e in events] == [
        (
            "task.watcher_removed",
            {"member_id": {"before": member_id, "after": None}},
            owner.member_ids[wid],
        ),
        (
            "task.watcher_added",
            {"member_id": {"before": None, "after": member_id}},
            owner.member_ids[wid],
        ),
        ("task.created", events[-1]["changes"], owner.member_ids[wid]),
    ]
