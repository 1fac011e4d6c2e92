"""Where the HTTP API lives, the routers its domains declare their routes on, what a route that
creates or deletes answers, and how a renamed path keeps its old spelling for one release
(docs/design.md §3)."""

from typing import Any, TypedDict

from fastapi import APIRouter, status
from fastapi.routing import APIRoute

from app.core.db import UnitOfWorkRoute
from app.kit.errors import WRITE_PROBLEMS

API_PREFIX = "/api/v1"
WORKSPACE_PATH = "/workspaces/{workspace_id}"


def workspace_router(path: str, *, tag: str) -> APIRouter:
    """The router of a domain's routes in a workspace, at `/workspaces/{workspace_id}/<path>`
    and filed under `tag` in the OpenAPI document. Each request on it is one unit of work
    (`UnitOfWorkRoute`: one commit, Idempotency-Key for writes)."""
    prefix = f"{WORKSPACE_PATH}/{path}" if path else WORKSPACE_PATH
    return APIRouter(route_class=UnitOfWorkRoute, prefix=prefix, tags=[tag])


class Answer(TypedDict):
    """The status and problems a route declares, given to its decorator as `**CREATES`."""

    status_code: int
    responses: dict[int | str, dict[str, Any]]


# A route that creates a resource answers 201 with it; one that deletes answers 204, empty.
# Both may meet every problem of a write (a stale If-Match, a conflict).
CREATES = Answer(status_code=status.HTTP_201_CREATED, responses=WRITE_PROBLEMS)
DELETES = Answer(status_code=status.HTTP_204_NO_CONTENT, responses=WRITE_PROBLEMS)


# What an alias keeps of the route it serves again: all that its answer and OpenAPI entry show.
ALIAS_KEEPS = (
    "response_model",
    "status_code",
    "tags",
    "dependencies",
    "responses",
    "response_class",
)


def deprecated_alias(router: APIRouter, *, old_prefix: str, old_name: str) -> APIRouter:
    """`router`'s operations again under `old_prefix`, served by the same endpoints: each marked
    deprecated, with an operationId of its own (`<old_name>:<action>`) and a description naming
    the path and operation that replace it."""
    alias = APIRouter(route_class=router.route_class, prefix=old_prefix)
    for route in router.routes:
        assert isinstance(route, APIRoute)
        assert route.operation_id is not None
        action = route.operation_id.partition(":")[2]
        methods = sorted(route.methods or ())
        replacement = ", ".join(f"`{method} {API_PREFIX}{route.path}`" for method in methods)
        kept = {name: getattr(route, name) for name in ALIAS_KEEPS}
        alias.add_api_route(
            route.path.removeprefix(router.prefix),
            route.endpoint,
            methods=methods,
            **kept,
            operation_id=f"{old_name}:{action}",
            name=f"{route.name}_under_{old_name}",
            deprecated=True,
            description=f"{route.description}\n\nDeprecated: this is the old path of "
            f"{replacement} (`{route.operation_id}`); use that one, this path goes away in the "
            "next release.",
        )
    return alias
