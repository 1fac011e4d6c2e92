"""PostgreSQL text cannot hold NUL (U+0000). A string carrying one is refused as invalid input
wherever it arrives (body, query, path), with a pointer to it, instead of failing in the
database as a 500."""

from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from app.kit.asgi import send_problem
from app.kit.errors import Unprocessable

NUL = "\x00"
DETAIL = "must not contain NUL (U+0000) characters"


def _escaped(part: object) -> str:
    return str(part).replace("~", "~0").replace("/", "~1")


def nul_pointer(value: Any, pointer: str = "") -> str | None:
    """The JSON pointer of the first string (or object key) in `value` that holds NUL."""
    if isinstance(value, str):
        return (pointer or "/") if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            inner = f"{pointer}/{_escaped(key)}"
            if isinstance(key, str) and NUL in key:
                return inner
            found = nul_pointer(item, inner)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = nul_pointer(item, f"{pointer}/{index}")
            if found:
                return found
    return None


def refuse_nul(data: Any) -> Any:
    """A `mode="before"` validator body: `data` unchanged, or a 422 at the offending string."""
    pointer = nul_pointer(data)
    if pointer is not None:
        raise Unprocessable.at(pointer, DETAIL)
    return data


class NulGuardMiddleware:
    """422 for a NUL in the path or a query parameter (bodies are checked by `Input`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            pointer = _request_pointer(scope)
            if pointer is not None:
                await send_problem(Unprocessable.at(pointer, DETAIL), receive, send)
                return
        await self.app(scope, receive, send)


def _request_pointer(scope: Scope) -> str | None:
    if NUL in scope["path"]:
        return "/path"
    query = scope.get("query_string", b"").decode("latin-1")
    if "%00" not in query:
        return None
    for name, value in parse_qsl(query, keep_blank_values=True):
        if NUL in name or NUL in value:
            return f"/query/{_escaped(name.replace(NUL, ''))}"
    return None
