from app.core.config import Settings
from app.main import create_app
from tests.support.http import ClientFactory


async def test_unknown_route_and_method_are_problems(clients: ClientFactory) -> None:
    client = clients.client()

    missing = await client.get("/api/v1/nothing-here")
    wrong_method = await client.put("/api/v1/me")

    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"
    assert (
        missing.headers["content-type"]
        == wrong_method.headers["content-type"]
        == "application/problem+json"
    )


async def test_malformed_json_is_a_400_problem(clients: ClientFactory) -> None:
    person = await clients.user()

    response = await person.client.post(
        "/api/v1/workspaces", content=b'{"name": ', headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_json"


async def test_oversized_body_is_413(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"max_body_bytes": 1000}))
    person = await ClientFactory(app).user()

    declared = await person.client.post("/api/v1/workspaces", json={"name": "x" * 2000})

    async def chunks():
        for _ in range(5):
            yield b"x" * 400

    streamed = await person.client.post(
        "/api/v1/workspaces", content=chunks(), headers={"content-type": "application/json"}
    )

    assert declared.status_code == streamed.status_code == 413
    assert declared.json()["code"] == streamed.json()["code"] == "payload_too_large"
    await app.state.engine.dispose()


async def test_rate_limit_answers_429_with_headers(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 3}))
    client = ClientFactory(app).client(address="10.9.0.1")

    answers = [await client.get("/api/v1/me") for _ in range(4)]

    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert answers[0].headers["RateLimit-Policy"] == "3;w=60"
    assert "remaining=2" in answers[0].headers["RateLimit"]
    assert answers[3].json()["code"] == "rate_limited"
    assert int(answers[3].headers["Retry-After"]) >= 1
    await app.state.engine.dispose()


async def test_request_id_is_echoed_or_generated(clients: ClientFactory) -> None:
    client = clients.client()

    given = await client.get("/healthz", headers={"X-Request-ID": "trace-123"})
    generated = await client.get("/healthz")

    assert given.headers["X-Request-ID"] == "trace-123"
    assert len(generated.headers["X-Request-ID"]) == 32


async def test_rate_limit_counts_are_shared_between_processes(settings: Settings) -> None:
    limited = settings.model_copy(update={"rate_limit_per_minute": 2})
    first, second = create_app(limited), create_app(limited)
    address = "10.9.0.2"

    await ClientFactory(first).client(address=address).get("/api/v1/me")
    answers = [
        await ClientFactory(second).client(address=address).get("/api/v1/me") for _ in range(2)
    ]

    assert [a.status_code for a in answers] == [401, 429]
    await first.state.engine.dispose()
    await second.state.engine.dispose()
