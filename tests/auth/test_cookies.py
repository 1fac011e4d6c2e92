"""Session cookies are Secure whenever the server is reached over HTTPS (WORKLANE_PUBLIC_URL),
or as WORKLANE_COOKIE_SECURE says."""

import pytest
from pydantic import AnyHttpUrl

from app.core.config import Settings
from tests.support.http import PASSWORD, ClientFactory, app_with


async def _session_cookies(
    settings: Settings, clients: ClientFactory, **changes: object
) -> list[str]:
    """The Set-Cookie headers of a sign-in to an app with `changes` to its settings."""
    person = await clients.user()
    async with app_with(settings, **changes) as app:
        response = (
            await ClientFactory(app)
            .client()
            .post("/api/v1/auth/login", json={"email": person.email, "password": PASSWORD})
        )
    assert response.status_code == 200, response.text
    return response.headers.get_list("set-cookie")


async def test_cookies_are_secure_when_the_public_url_is_https(
    settings: Settings, clients: ClientFactory
) -> None:
    cookies = await _session_cookies(
        settings, clients, public_url=AnyHttpUrl("https://worklane.example.com")
    )

    assert len(cookies) == 2
    assert all("; secure" in cookie.lower() for cookie in cookies)


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"public_url": AnyHttpUrl("http://worklane.internal:8000")},
        {"public_url": AnyHttpUrl("https://worklane.example.com"), "cookie_secure": False},
    ],
)
async def test_cookies_are_not_secure_over_plain_http_or_when_turned_off(
    settings: Settings, clients: ClientFactory, changes: dict[str, object]
) -> None:
    cookies = await _session_cookies(settings, clients, **changes)

    assert cookies
    assert not any("; secure" in cookie.lower() for cookie in cookies)
