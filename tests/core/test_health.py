from collections.abc import AsyncIterator

import pytest
from pydantic import SecretStr

from app.core.config import Settings
from tests.support.http import ClientFactory, app_with

METRICS_TOKEN = "scrape-secret-0123456789"
SCRAPE = {"Authorization": f"Bearer {METRICS_TOKEN}"}


@pytest.fixture
async def scraped(settings: Settings) -> AsyncIterator[ClientFactory]:
    """Clients of an app whose metrics may be scraped with METRICS_TOKEN."""
    async with app_with(settings, metrics_token=SecretStr(METRICS_TOKEN)) as app:
        yield ClientFactory(app)


async def test_liveness_and_readiness(clients: ClientFactory) -> None:
    client = clients.client()

    assert (await client.get("/healthz")).json() == {"status": "ok"}
    assert (await client.get("/readyz")).json() == {"status": "ok"}


async def test_metrics_count_requests_by_route_template(scraped: ClientFactory) -> None:
    person = await scraped.user()
    workspace = await person.workspace()
    await person.client.get(f"/api/v1/workspaces/{workspace['id']}")

    body = (await scraped.client(headers=SCRAPE).get("/metrics")).text

    assert 'route="/api/v1/workspaces/{workspace_id}"' in body
    assert "worklane_http_request_duration_seconds_bucket" in body
    assert workspace["id"] not in body


async def test_metrics_label_an_unknown_path_unmatched(scraped: ClientFactory) -> None:
    await scraped.client().get("/api/v1/no-such-thing/42")

    body = (await scraped.client(headers=SCRAPE).get("/metrics")).text

    assert 'route="unmatched"' in body
    assert "no-such-thing" not in body


async def test_metrics_are_not_found_without_a_metrics_token_configured(
    clients: ClientFactory,
) -> None:
    signed_in = await clients.user()

    answers = [
        await clients.client(headers=SCRAPE).get("/metrics"),
        await signed_in.client.get("/metrics"),
    ]

    assert [a.status_code for a in answers] == [404, 404]


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-secret-0123456789", METRICS_TOKEN, f"Basic {METRICS_TOKEN}"],
)
async def test_metrics_refuse_a_scrape_without_the_metrics_token(
    scraped: ClientFactory, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else None

    response = await scraped.client(headers=headers).get("/metrics")

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    assert "worklane_http" not in response.text


async def test_a_signed_in_person_cannot_read_the_metrics(scraped: ClientFactory) -> None:
    person = await scraped.user()

    assert (await person.client.get("/metrics")).status_code == 401
