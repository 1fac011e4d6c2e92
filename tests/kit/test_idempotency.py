import asyncio

from tests.support.http import ClientFactory


async def test_retry_with_same_key_replays_and_creates_once(clients: ClientFactory) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "create-ws-1"}

    first = await person.client.post("/api/v1/workspaces", json={"name": "Once"}, headers=headers)
    retry = await person.client.post("/api/v1/workspaces", json={"name": "Once"}, headers=headers)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    listed = (await person.client.get("/api/v1/workspaces")).json()["items"]
    assert [w["name"] for w in listed] == ["Once"]


async def test_same_key_with_a_different_body_is_422(clients: ClientFactory) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "k-2"}
    await person.client.post("/api/v1/workspaces", json={"name": "A"}, headers=headers)

    response = await person.client.post("/api/v1/workspaces", json={"name": "B"}, headers=headers)

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


async def test_keys_are_scoped_per_principal(clients: ClientFactory) -> None:
    first, second = await clients.user(), await clients.user()
    headers = {"Idempotency-Key": "shared-key"}

    a = await first.client.post("/api/v1/workspaces", json={"name": "Mine"}, headers=headers)
    b = await second.client.post("/api/v1/workspaces", json={"name": "Mine"}, headers=headers)

    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"]


async def test_concurrent_retries_create_one_resource(clients: ClientFactory) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "race"}

    responses = await asyncio.gather(
        *(
            person.client.post("/api/v1/workspaces", json={"name": "Race"}, headers=headers)
            for _ in range(3)
        )
    )

    assert {r.status_code for r in responses} <= {201, 409}
    listed = (await person.client.get("/api/v1/workspaces")).json()["items"]
    assert len(listed) == 1


async def test_failed_validation_is_replayed_not_retried(clients: ClientFactory) -> None:
    person = await clients.user()
    headers = {"Idempotency-Key": "bad"}

    first = await person.client.post("/api/v1/workspaces", json={"name": ""}, headers=headers)
    again = await person.client.post("/api/v1/workspaces", json={"name": ""}, headers=headers)

    assert first.status_code == again.status_code == 422
    assert again.headers.get("Idempotent-Replayed") == "true"
