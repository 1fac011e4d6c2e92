"""Auth and notification routes declare their errors like every other router."""

import pytest

PROBLEM_MEDIA_TYPE = "application/problem+json"


def _operations(schema: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {op["operationId"]: op for item in schema["paths"].values() for op in item.values()}


@pytest.mark.parametrize(
    "operation_id",
    [
        "auth:signup",
        "auth:login",
        "auth:logout",
        "notifications:list",
        "notifications:mark_read",
        "notifications:mark_all_read",
    ],
)
def test_validation_errors_are_declared_as_problem_details(app, operation_id: str) -> None:  # type: ignore[no-untyped-def]
    responses = _operations(app.openapi())[operation_id]["responses"]

    assert list(responses["422"]["content"]) == [PROBLEM_MEDIA_TYPE]
    assert responses["422"]["content"][PROBLEM_MEDIA_TYPE]["schema"] == {
        "$ref": "#/components/schemas/ProblemDetail"
    }
