"""Every answer carries the security headers (app/kit/security_headers.py): the API's, the web
app's, the docs', problems, 404s and the last-resort 500."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from pydantic import AnyHttpUrl

from app.core.config import Settings
from tests.support.http import app_with

SECURITY_HEADERS = {
    "content-security-policy",
    "x-content-type-options",
    "x-frame-options",
    "referrer-policy",
}


def _client(app: FastAPI) -> httpx.AsyncClient:
    # An unhandled error still gets its 500 answer rather than failing the test client.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def app(settings: Settings, tmp_path: Path) -> AsyncIterator[FastAPI]:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Worklane</title>")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)")
    async with app_with(settings, spa_dist_dir=str(tmp_path)) as application:
        yield application


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/auth/config",  # the API
        "/api/v1/me",  # a 401 problem
        "/api/v1/no-such-thing",  # a 404 problem
        "/",  # the web app
        "/assets/app.js",
        "/api/docs",
        "/api/docs/assets/swagger-ui-bundle.js",
        "/api/v1/openapi.json",
        "/healthz",
        "/metrics",  # a 404 without a metrics token
    ],
)
async def test_every_answer_carries_the_security_headers(app: FastAPI, path: str) -> None:
    async with _client(app) as client:
        response = await client.get(path)

    assert response.headers.keys() >= SECURITY_HEADERS
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_the_policy_allows_scripts_from_this_origin_only(app: FastAPI) -> None:
    async with _client(app) as client:
        policy = (await client.get("/")).headers["content-security-policy"]

    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"


async def test_an_unexpected_error_answers_500_with_the_security_headers(
    settings: Settings,
) -> None:
    async with app_with(settings) as app, _client(app) as client:

        @app.get("/boom")
        async def boom() -> None:
            raise RuntimeError("a bug")

        response = await client.get("/boom")

    assert response.status_code == 500
    assert response.headers.keys() >= SECURITY_HEADERS


async def test_no_hsts_while_cookies_are_not_secure(app: FastAPI) -> None:
    async with _client(app) as client:
        response = await client.get("/healthz")

    assert "strict-transport-security" not in response.headers


async def test_an_https_public_url_turns_hsts_on(settings: Settings) -> None:
    public_url = AnyHttpUrl("https://worklane.example.com")
    async with app_with(settings, public_url=public_url) as app, _client(app) as client:
        response = await client.get("/healthz")

    assert response.headers["strict-transport-security"] == "max-age=31536000"
