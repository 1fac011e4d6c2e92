from tests.support.http import ClientFactory


async def test_liveness_and_readiness(clients: ClientFactory) -> None:
    client = clients.client()

    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ok"}


async def test_metrics_count_requests_by_route_template(clients: ClientFactory) -> None:
    person = await clients.user()
    workspace = await person.workspace()
    await person.client.get(f"/api/v1/workspaces/{workspace['id']}")

    body = (await person.client.get("/metrics")).text

    assert 'route="/api/v1/workspaces/{workspace_id}"' in body
    assert "worklane_http_request_duration_seconds_bucket" in body
    assert workspace["id"] not in body


async def test_metrics_label_an_unknown_path_unmatched(clients: ClientFactory) -> None:
    person = await clients.user()
    await person.client.get("/api/v1/no-such-thing/42")

    body = (await person.client.get("/metrics")).text

    assert 'route="unmatched"' in body
    assert "no-such-thing" not in body
