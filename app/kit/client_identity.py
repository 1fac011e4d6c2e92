"""Who a request comes from, before authentication has run (for rate limits and idempotency)."""

from http.cookies import SimpleCookie

from starlette.datastructures import Headers
from starlette.types import Scope

from app.core.security import digest

SESSION_COOKIE = "wl_session"


def client_key(scope: Scope) -> str:
    """A stable digest of the credential (token or session) or, without one, the client address.

    The credential itself is never stored or logged, only this digest.
    """
    headers = Headers(scope=scope)
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return digest("token:" + authorization[7:].strip())
    cookie_header = headers.get("cookie")
    if cookie_header:
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # a malformed Cookie header is the client's problem, not an identity
            cookies = SimpleCookie()
        if SESSION_COOKIE in cookies:
            return digest("session:" + cookies[SESSION_COOKIE].value)
    return digest("ip:" + client_address(scope))


def client_address(scope: Scope) -> str:
    """The client's address: the peer's, or behind a proxy uvicorn trusts (the
    `forwarded_allow_ips` setting) the one the proxy forwarded."""
    client = scope.get("client")
    return client[0] if client else "unknown"
