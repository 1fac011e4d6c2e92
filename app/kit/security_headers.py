"""The security headers every answer carries: the API's, the web app's, the docs', errors, 404s.

One policy for all of them. The API's JSON needs none of what it allows, and the web app and
the docs page need no more than this:

- scripts only from this origin, as files: the built SPA has no inline script, and the docs page
  starts Swagger UI from a file of its own (`app/openapi.py`);
- styles from this origin and inline: Mantine writes its theme's CSS variables into a `<style>`
  element at run time, and Swagger UI sets `style` attributes. A nonce would cover the first only
  for pages rendered per request (the SPA is a static file) and not the second; an injected style
  cannot run code, and what it could read is confined by the rest of the policy;
- images from this origin and `data:` (icons): a picture in a task's Markdown that points
  elsewhere is not fetched, so no link in a description learns who reads it;
- no framing by anyone (`frame-ancestors`, and `X-Frame-Options` for older browsers), no plugins,
  no `<base>`, forms post only here, no MIME sniffing, no referrer (paths carry workspace ids).

HSTS only when cookies are Secure (`Settings.secure_cookies`): that is when the server is known
to be reached over HTTPS.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HSTS = "max-age=31536000"


def security_headers(*, hsts: bool) -> list[tuple[bytes, bytes]]:
    headers = {
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "x-content-type-options": "nosniff",
        "x-frame-options": "DENY",
        "referrer-policy": "no-referrer",
    }
    if hsts:
        headers["strict-transport-security"] = HSTS
    return [(name.encode(), value.encode()) for name, value in headers.items()]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.headers = security_headers(hsts=hsts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
