"""The built web app is served at `/`, and its client-side routes fall back to index.html."""

from pathlib import Path

import httpx
import pytest

from app.core.config import Settings
from app.main import create_app


@pytest.fixture
async def client(settings: Settings, tmp_path: Path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Worklane</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    app = create_app(settings.model_copy(update={"spa_dist_dir": str(tmp_path)}))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://test"
    ) as client:
        yield client
    await app.state.engine.dispose()


async def test_a_client_side_route_gets_the_app_page(client: httpx.AsyncClient) -> None:
    response = await client.get("/w/acme/projects/OPS")

    assert response.status_code == 200
    assert "<title>Worklane</title>" in response.text


async def test_a_built_file_is_served_as_itself(client: httpx.AsyncClient) -> None:
    response = await client.get("/assets/app.js")

    assert response.text == "console.log(1)"


async def test_a_mistyped_api_path_is_a_404_problem_not_the_app_page(
    client: httpx.AsyncClient,
) -> None:
    answers = [await client.get("/api/v1/time-entrys"), await client.get("/api")]

    assert [a.status_code for a in answers] == [404, 404]
    assert {a.headers["content-type"] for a in answers} == {"application/problem+json"}
