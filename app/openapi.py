"""The published OpenAPI document: what FastAPI generates, plus what integrators need to know
about access (role and token scope per operation) and idempotent retries; and the page that
shows it, Swagger UI, served from the app itself."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from app.auth.access import (
    SCOPES,
    api_routes,
    route_authorization,
    route_dependencies,
    route_token_scope,
)
from app.kit.errors import PROBLEM_MEDIA_TYPE
from app.kit.query import QueryReader, query_parameters


def _summary_from_docstring(operation: dict[str, Any]) -> None:
    """The endpoint's one-line docstring is its summary (FastAPI would use the function name)."""
    lines = operation.get("description", "").strip().splitlines()
    if lines:
        operation["summary"] = lines[0]
        rest = "\n".join(lines[1:]).strip()
        if rest:
            operation["description"] = rest
        else:
            operation.pop("description")


def _problems_as_problem_json(operation: dict[str, Any]) -> None:
    """Error answers are application/problem+json with the ProblemDetail schema."""
    for status, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if status.startswith(("4", "5")) and PROBLEM_MEDIA_TYPE in content:
            schema = content.pop("application/json", {}).get("schema")
            content[PROBLEM_MEDIA_TYPE] = {"schema": schema} if schema else {}


def _document_query_models(schema: dict[str, Any], route: Any, operation: dict[str, Any]) -> None:
    """List the fields of the route's query models as its query parameters."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    readers = [call for call in route_dependencies(route) if isinstance(call, QueryReader)]
    for reader in readers:
        parameters, referenced = query_parameters(reader.model)
        operation.setdefault("parameters", []).extend(parameters)
        for name, component in referenced.items():
            components.setdefault(name, component)


def build_openapi(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title="Worklane API",
        version=app.version,
        description=(
            "Projects, ongoing work, tasks, scheduling, capacity and time.\n\n"
            "Errors are `application/problem+json` with a stable `code`. Lists are keyset "
            "paginated. Single resources carry an `ETag`; send it back in `If-Match`.\n\n"
            "Every write accepts an `Idempotency-Key`: a retry with the same key and request "
            "gets the first success again (`Idempotent-Replayed: true`), to the same credential "
            "only, for 24 hours, however often it is sent; the change is made once. Errors are "
            "not kept, so a failed request may be retried with its key. A retry while the first "
            "still runs waits for it; past a few seconds it is 409 `idempotency_in_progress` "
            "with `Retry-After`. Answers that carry a secret (a new API token, a session "
            "cookie) are never kept: their retries are 409 "
            "`idempotency_secret_not_replayable`. When the database is busy or out of reach "
            "any operation may answer 503 with `Retry-After`.\n\n"
            "API tokens scopes: " + ", ".join(f"`{name}`" for name in SCOPES)
        ),
        routes=app.routes,
    )
    for route in api_routes(app):
        for method in route.methods or ():
            operation = schema["paths"][route.path_format][method.lower()]
            _summary_from_docstring(operation)
            _problems_as_problem_json(operation)
            _document_query_models(schema, route, operation)
            authorization = route_authorization(route)
            if authorization is not None:
                operation["x-required-role"] = authorization.role.value
            scope = route_token_scope(route)
            if scope is not None:
                operation["x-required-scope"] = scope
    return schema


OPENAPI_URL = "/api/v1/openapi.json"
DOCS_URL = "/api/docs"
# Swagger UI's files from a pinned package (fastapi-offline), never a CDN: the page works
# offline, and under a policy that allows scripts from this origin only.
_SWAGGER_UI = ("fastapi_offline", "static")
_DOCS_PAGE = f"""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Worklane API</title>
    <link rel="icon" href="{DOCS_URL}/assets/favicon.png">
    <link rel="stylesheet" href="{DOCS_URL}/assets/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui" data-openapi-url="{OPENAPI_URL}"></div>
    <script src="{DOCS_URL}/assets/swagger-ui-bundle.js"></script>
    <script src="{DOCS_URL}/start.js"></script>
  </body>
</html>
"""
# In a file rather than inline, which the Content-Security-Policy refuses. A signed-in
# person's "Try it out" sends the CSRF token the session's writes need.
_DOCS_SCRIPT = """const root = document.getElementById("swagger-ui");
SwaggerUIBundle({
  url: root.dataset.openapiUrl,
  domNode: root,
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  requestInterceptor: (request) => {
    const csrf = document.cookie.match(/(?:^|; )wl_csrf=([^;]*)/);
    if (csrf) request.headers["X-CSRF-Token"] = decodeURIComponent(csrf[1]);
    return request;
  },
});
"""


def install_openapi(app: FastAPI, *, docs: bool) -> None:
    """The document for `app.openapi()` (and `worklane openapi`); with `docs`, also served at
    OPENAPI_URL with Swagger UI at DOCS_URL."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = build_openapi(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    if not docs:
        return

    @app.get(OPENAPI_URL, include_in_schema=False)
    async def openapi_document() -> JSONResponse:
        return JSONResponse(openapi())

    @app.get(DOCS_URL, include_in_schema=False)
    async def docs_page() -> HTMLResponse:
        return HTMLResponse(_DOCS_PAGE)

    @app.get(f"{DOCS_URL}/start.js", include_in_schema=False)
    async def docs_script() -> Response:
        return Response(_DOCS_SCRIPT, media_type="text/javascript")

    app.mount(f"{DOCS_URL}/assets", StaticFiles(packages=[_SWAGGER_UI]), name="api-docs")
