"""The API docs page (/api/docs) is served with its Swagger UI files from the app itself, and a
setting turns it off. frontend/e2e/api-docs.spec.ts checks that it renders without internet."""

import re

import pytest

from app.core.config import Settings
from tests.support.http import ClientFactory, app_with


async def test_the_docs_page_loads_every_file_from_this_server(clients: ClientFactory) -> None:
    client = clients.client()

    page = await client.get("/api/docs")

    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources
    assert all(source.startswith("/api/docs/") for source in sources)
    for source in sources:
        response = await client.get(source)
        assert response.status_code == 200, source


async def test_the_docs_page_has_no_inline_script(clients: ClientFactory) -> None:
    page = (await clients.client().get("/api/docs")).text

    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []


async def test_the_docs_page_reads_the_openapi_document(clients: ClientFactory) -> None:
    client = clients.client()
    page = (await client.get("/api/docs")).text
    url = re.search(r'data-openapi-url="([^"]+)"', page)

    assert url is not None
    document = (await client.get(url.group(1))).json()
    assert document["info"]["title"] == "Worklane API"


@pytest.mark.parametrize(
    "path",
    ["/api/docs", "/api/docs/start.js", "/api/docs/assets/swagger-ui.css", "/api/v1/openapi.json"],
)
async def test_docs_turned_off_are_not_found(settings: Settings, path: str) -> None:
    async with app_with(settings, api_docs=False) as app:
        response = await ClientFactory(app).client().get(path)

    assert response.status_code == 404
