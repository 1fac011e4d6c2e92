"""Input fields: omittable ones (left out they read None; sent as null they are a 422 at the
field), and renamed ones (the old name is read as the new one for one release)."""

from typing import Any

import pytest
from pydantic import ValidationError

from app.kit.schemas import Input, Omittable
from tests.support.http import ClientFactory


class Rename(Input):
    name: Omittable[str] = None
    note: str | None = None


class Logged(Input):
    renamed_fields = {"activity": "work_type"}

    work_type: str | None = None


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


def test_an_old_field_name_is_read_as_the_new_one() -> None:
    given = Logged.model_validate({"activity": "meeting"})

    assert (given.work_type, given.model_fields_set) == ("meeting", {"work_type"})


def test_both_names_at_once_refuse_the_old_one_as_unknown() -> None:
    with pytest.raises(ValidationError) as refused:
        Logged.model_validate({"activity": "meeting", "work_type": "support"})

    assert [(e["loc"], e["type"]) for e in refused.value.errors()] == [
        (("activity",), "extra_forbidden")
    ]


def test_the_schema_lists_the_old_name_as_deprecated() -> None:
    properties = Logged.model_json_schema()["properties"]

    assert properties["activity"]["deprecated"] is True
    assert properties["activity"]["anyOf"] == properties["work_type"]["anyOf"]
    assert "work_type" in properties["activity"]["description"]
