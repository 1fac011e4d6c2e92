"""Where the HTTP API lives, and how a renamed path keeps its old spelling for one release
(docs/design.md §3)."""

from fastapi import APIRouter
from fastapi.routing import APIRoute

API_PREFIX = "/api/v1"


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
        alias.add_api_route(
            route.path.removeprefix(router.prefix),
            route.endpoint,
            methods=methods,
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            dependencies=route.dependencies,
            responses=route.responses,
            response_class=route.response_class,
            operation_id=f"{old_name}:{action}",
            name=f"{route.name}_under_{old_name}",
            deprecated=True,
            description=f"{route.description}\n\nDeprecated: this is the old path of "
            f"{replacement} (`{route.operation_id}`); use that one, this path goes away in the "
            "next release.",
        )
    return alias
