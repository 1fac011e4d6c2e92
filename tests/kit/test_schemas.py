"""Omittable input fields: left out they read None; sent as null they are a 422 at the field."""

from typing import Any

import pytest
from pydantic import ValidationError

from app.kit.schemas import Input, Omittable
from tests.support.http import ClientFactory


class Rename(Input):
    name: Omittable[str] = None
    note: str | None = None


def test_an_omitted_field_reads_none_and_is_not_set() -> None:
    given = Rename.model_validate({})

    assert (given.name, given.model_fields_set) == (None, set())


def test_a_null_is_refused_at_the_field() -> None:
    with pytest.raises(ValidationError) as refused:
        Rename.model_validate({"name": None})

    assert [(e["loc"], e["msg"]) for e in refused.value.errors()] == [(("name",), "cannot be null")]


def test_the_schema_documents_the_field_without_null_or_default() -> None:
    properties = Rename.model_json_schema()["properties"]

    assert properties["name"] == {"title": "Name", "type": "string"}
    assert {"type": "null"} in properties["note"]["anyOf"]


@pytest.mark.parametrize("body", [{"title": None}, {"status_id": None}])
async def test_a_null_in_a_patch_is_a_422_at_that_field_and_nothing_changes(
    clients: ClientFactory, body: dict[str, Any]
) -> None:
    owner = await clients.user()
    wid = (await owner.workspace())["id"]
    task = await owner.task(wid, (await owner.project(wid))["id"])
    url = f"/api/v1/workspaces/{wid}/tasks/{task['id']}"

    answer = await owner.client.patch(url, json=body)

    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"pointer": f"/{next(iter(body))}", "detail": "cannot be null"}
    ]
    assert (await owner.client.get(url)).json() == task
