"""A server for the tests of app.core.serving: every request is answered with the process id
of the worker that served it; `/block` first blocks that worker for BLOCK_SECONDS, as a request
heavy on the CPU would.

Run: python -m tests.support.pid_server PORT WORKERS [broken]; `broken` serves an app whose
startup fails.
"""

import os
import sys
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import uvicorn

from app.core.serving import serve

Message = MutableMapping[str, Any]
BLOCK_SECONDS = 0.5


def create_app() -> Callable[..., Awaitable[None]]:
    async def app(
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        if scope["path"] == "/block":
            time.sleep(BLOCK_SECONDS)  # noqa: ASYNC251 - blocking the worker is the point
        body = str(os.getpid()).encode()
        headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app


def create_broken_app() -> Callable[..., Awaitable[None]]:
    async def app(
        scope: Message,
        receive: Callable[[], Awaitable[Message]],
        send: Callable[[Message], Awaitable[None]],
    ) -> None:
        await receive()  # lifespan.startup
        await send({"type": "lifespan.startup.failed", "message": "no database"})

    return app


if __name__ == "__main__":
    port, workers = int(sys.argv[1]), int(sys.argv[2])
    broken = sys.argv[3:] == ["broken"]
    config = uvicorn.Config(
        f"tests.support.pid_server:{'create_broken_app' if broken else 'create_app'}",
        factory=True,
        host="127.0.0.1",
        port=port,
        workers=workers,
        lifespan="on" if broken else "off",
        log_level="warning",
    )
    sys.exit(serve(config))
