"""Small helpers for the pure ASGI middlewares in app.kit."""

from starlette.types import Message, Receive, Send

from app.kit.errors import Problem, problem_response


async def send_problem(problem: Problem, receive: Receive, send: Send) -> None:
    await problem_response(problem)({"type": "http"}, receive, send)


async def read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay_body(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
