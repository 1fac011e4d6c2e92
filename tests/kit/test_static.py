"""The built web app's files (app/kit/static.py): the compressed variant the client accepts, a year
of caching for hashed assets, revalidation for index.html, 304s per variant."""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from app.core.config import Settings
from app.kit.static import IMMUTABLE, NO_CACHE, accepted_encodings
from tests.support.http import app_with

SCRIPT = b"console.log('hello')"
BROTLI = b"brotli bytes"
GZIP = b"gzip bytes"


@pytest.fixture
async def client(settings: Settings, tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    assets = tmp_path / "assets"
    assets.mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>Worklane</title>")
    (tmp_path / "index.html.gz").write_bytes(GZIP)
    (assets / "app-1a2b3c.js").write_bytes(SCRIPT)
    (assets / "app-1a2b3c.js.br").write_bytes(BROTLI)
    (assets / "app-1a2b3c.js.gz").write_bytes(GZIP)
    (assets / "font-4d5e6f.woff2").write_bytes(b"font")
    application: FastAPI
    async with app_with(settings, spa_dist_dir=str(tmp_path)) as application:
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            yield http


async def _get(
    client: httpx.AsyncClient, path: str, **headers: str
) -> tuple[httpx.Response, bytes]:
    """The answer and its body as sent, not decoded (the variants here are stand-ins)."""
    sent = {name.replace("_", "-"): value for name, value in headers.items()}
    async with client.stream("GET", path, headers=sent) as response:
        body = b"".join([chunk async for chunk in response.aiter_raw()])
    return response, body


async def test_an_asset_is_sent_as_brotli_when_the_client_accepts_it(
    client: httpx.AsyncClient,
) -> None:
    response, body = await _get(client, "/assets/app-1a2b3c.js", accept_encoding="gzip, br")

    assert response.status_code == 200
    assert body == BROTLI
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["content-length"] == str(len(BROTLI))


async def test_an_asset_is_sent_as_gzip_when_brotli_is_not_accepted(
    client: httpx.AsyncClient,
) -> None:
    response, body = await _get(client, "/assets/app-1a2b3c.js", accept_encoding="gzip, deflate")

    assert body == GZIP
    assert response.headers["content-encoding"] == "gzip"


async def test_a_coding_with_zero_quality_is_not_used(client: httpx.AsyncClient) -> None:
    response, body = await _get(client, "/assets/app-1a2b3c.js", accept_encoding="br;q=0, *")

    assert body == GZIP
    assert response.headers["content-encoding"] == "gzip"


async def test_an_asset_is_sent_as_itself_without_an_accepted_coding(
    client: httpx.AsyncClient,
) -> None:
    response, body = await _get(client, "/assets/app-1a2b3c.js", accept_encoding="identity")

    assert body == SCRIPT
    assert "content-encoding" not in response.headers
    assert response.headers["vary"] == "Accept-Encoding"


async def test_a_file_without_variants_is_sent_as_itself(client: httpx.AsyncClient) -> None:
    response, body = await _get(client, "/assets/font-4d5e6f.woff2", accept_encoding="br, gzip")

    assert body == b"font"
    assert "content-encoding" not in response.headers
    assert response.headers["content-type"] == "font/woff2"


async def test_hashed_assets_are_cached_for_a_year_in_every_coding(
    client: httpx.AsyncClient,
) -> None:
    answers = [
        (await _get(client, "/assets/app-1a2b3c.js", accept_encoding=coding))[0]
        for coding in ("br", "gzip", "identity")
    ]

    assert {answer.headers["cache-control"] for answer in answers} == {IMMUTABLE}
    assert {answer.headers["vary"] for answer in answers} == {"Accept-Encoding"}
    # Each coding is a representation of its own, with an ETag of its own.
    assert len({answer.headers["etag"] for answer in answers}) == 3


async def test_a_variant_revalidates_to_304_with_its_etag(client: httpx.AsyncClient) -> None:
    first, _ = await _get(client, "/assets/app-1a2b3c.js", accept_encoding="br")

    again, body = await _get(
        client, "/assets/app-1a2b3c.js", accept_encoding="br", if_none_match=first.headers["etag"]
    )

    assert again.status_code == 304
    assert body == b""
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["cache-control"] == IMMUTABLE
    assert again.headers["vary"] == "Accept-Encoding"


async def test_another_codings_etag_does_not_revalidate(client: httpx.AsyncClient) -> None:
    gzip, _ = await _get(client, "/assets/app-1a2b3c.js", accept_encoding="gzip")

    brotli, body = await _get(
        client, "/assets/app-1a2b3c.js", accept_encoding="br", if_none_match=gzip.headers["etag"]
    )

    assert brotli.status_code == 200
    assert body == BROTLI


@pytest.mark.parametrize("path", ["/", "/index.html", "/w/acme/projects/OPS"])
async def test_the_app_page_is_revalidated_on_every_load(
    client: httpx.AsyncClient, path: str
) -> None:
    response, body = await _get(client, path, accept_encoding="identity")

    assert response.status_code == 200
    assert b"<title>Worklane</title>" in body
    assert response.headers["cache-control"] == NO_CACHE
    assert response.headers["content-type"].startswith("text/html")


async def test_the_app_page_is_sent_compressed_and_revalidates_to_304(
    client: httpx.AsyncClient,
) -> None:
    first, body = await _get(client, "/w/acme/my-work", accept_encoding="gzip")
    again, _ = await _get(
        client, "/w/acme/my-work", accept_encoding="gzip", if_none_match=first.headers["etag"]
    )

    assert (body, first.headers["content-encoding"]) == (GZIP, "gzip")
    assert again.status_code == 304


async def test_a_compressed_variant_is_not_a_page_of_its_own(client: httpx.AsyncClient) -> None:
    response, body = await _get(client, "/index.html.gz", accept_encoding="identity")

    assert b"<title>Worklane</title>" in body
    assert "content-encoding" not in response.headers


@pytest.mark.parametrize(
    ("header", "accepted"),
    [
        ("", set()),
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("GZIP;q=0.5", {"gzip"}),
        ("br;q=0, gzip;q=0.1", {"gzip"}),
        ("*", {"br", "gzip"}),
        ("*;q=0.5, gzip;q=0", {"br"}),
        ("br;q=nonsense, gzip", {"gzip"}),
    ],
)
def test_accepted_encodings_follow_the_qualities(header: str, accepted: set[str]) -> None:
    assert accepted_encodings(header) == accepted
