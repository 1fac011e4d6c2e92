import uuid

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.cli import uvicorn_config
from app.core.config import Settings
from app.main import create_app
from app.models import RateLimitBucket
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


async def _bucket_rows(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(RateLimitBucket)) or 0)


async def test_made_up_tokens_from_one_address_share_the_addresss_limit(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 3}))
    client = ClientFactory(app).client(address="10.9.0.3")
    rows_before = await _bucket_rows(sessionmaker)

    answers = [
        await client.get("/api/v1/me", headers={"Authorization": f"Bearer {uuid.uuid4().hex}"})
        for _ in range(4)
    ]

    assert [a.status_code for a in answers] == [401, 401, 401, 429]
    assert await _bucket_rows(sessionmaker) == rows_before + 1
    await app.state.engine.dispose()


async def test_one_user_has_one_limit_whichever_credential_they_send(
    clients: ClientFactory, settings: Settings
) -> None:
    person = await clients.user()
    workspace_id = (await person.workspace())["id"]
    tokens = [(await person.token(workspace_id, ["workspace:read"]))["token"] for _ in range(2)]
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 3}))
    scripts = [ClientFactory(app).bearer(token) for token in tokens]

    answers = [await script.get("/api/v1/me") for script in scripts for _ in range(2)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "remaining=0" in answers[2].headers["RateLimit"]
    await app.state.engine.dispose()


async def test_a_signed_in_user_is_not_limited_by_their_addresss_count(
    clients: ClientFactory, settings: Settings
) -> None:
    person = await clients.user()
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 2}))
    limited = ClientFactory(app)
    browser = limited.client(address="10.9.0.4")
    browser.cookies = person.client.cookies

    answers = [await browser.get("/api/v1/me") for _ in range(2)]
    anonymous = [await limited.client(address="10.9.0.4").get("/api/v1/me") for _ in range(2)]

    assert [a.status_code for a in answers + anonymous] == [200, 200, 401, 401]
    await app.state.engine.dispose()


async def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"rate_limit_per_minute": 1}))
    trusting = settings.model_copy(update={"forwarded_allow_ips": "10.8.0.1"})
    # What `worklane serve` runs: uvicorn's proxy headers handling, around our app.
    config = uvicorn_config(trusting, host="127.0.0.1", port=0, workers=1)
    config.app, config.factory = app, False
    config.load()

    def client(proxy: str, forwarded_for: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=config.loaded_app, client=(proxy, 50000))
        headers = {"X-Forwarded-For": forwarded_for}
        return httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers)

    trusted = [await client("10.8.0.1", f"203.0.113.{n}").get("/api/v1/me") for n in (1, 2)]
    untrusted = [await client("10.8.0.2", f"203.0.113.{n}").get("/api/v1/me") for n in (3, 4)]

    assert [a.status_code for a in trusted] == [401, 401]
    assert [a.status_code for a in untrusted] == [401, 429]
    await app.state.engine.dispose()
