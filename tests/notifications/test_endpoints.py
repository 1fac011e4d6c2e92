"""Notifications through an API token: reading needs `tasks:read`, marking read `tasks:write`."""

from tests.support.http import ClientFactory


async def test_marking_notifications_read_with_a_token_needs_the_write_scope(
    clients: ClientFactory,
) -> None:
    owner, colleague = await clients.user(), await clients.user()
    wid = (await owner.workspace())["id"]
    await owner.add_member(wid, colleague)
    task = await owner.task(wid, (await owner.project(wid))["id"])
    await owner.client.post(
        f"/api/v1/workspaces/{wid}/tasks/{task['id']}/comments",
        json={"body": f"<@{colleague.member_ids[wid]}>"},
    )
    reader = clients.bearer((await colleague.token(wid, ["tasks:read"]))["token"])
    writer = clients.bearer((await colleague.token(wid, ["tasks:read", "tasks:write"]))["token"])
    notification = (await reader.get("/api/v1/me/notifications")).json()["items"][0]
    one = f"/api/v1/me/notifications/{notification['id']}/read"

    refused = [await reader.post(one), await reader.post("/api/v1/me/notifications/read-all")]
    marked = await writer.post(one)

    assert [(r.status_code, r.json()["code"]) for r in refused] == [
        (403, "insufficient_scope"),
        (403, "insufficient_scope"),
    ]
    assert marked.status_code == 200
    assert marked.json()["read_at"] is not None
