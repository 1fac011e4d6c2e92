"""Changes applied to many tasks at once: one set of changes, all or nothing, and a label or
member taken off every task before it is deleted."""

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.access import Principal
from app.events import service as events
from app.kit.errors import Conflict, Unprocessable
from app.models import Task
from app.projects.repository import ProjectRepository
from app.tasks import schemas
from app.tasks.repository import TaskRepository
from app.tasks.service import event_state, record_update, resolve_many, set_completion


async def _ensure_active_projects(session: AsyncSession, tasks: Sequence[Task]) -> None:
    repo = ProjectRepository(session)
    for project_id in {t.project_id for t in tasks}:
        project = await repo.get(tasks[0].workspace_id, project_id)
        if project is not None and project.status == "archived":
            raise Conflict("A task belongs to an archived project.", code="project_archived")


async def bulk_update(
    session: AsyncSession, principal: Principal, data: schemas.BulkUpdate
) -> list[Task]:
    """Apply one set of changes to up to 500 tasks, all or nothing."""
    named = await resolve_many(session, principal, data.task_ids, "/task_ids")
    # By id and by key, one task may be named twice: it changes once.
    tasks = list({task.id: task for task in named}.values())
    changes = data.changes
    repo = TaskRepository(session)
    wid = principal.workspace_id
    category: str | None = None
    if changes.status_id is not None:
        found = await repo.status_categories(wid, [changes.status_id])
        if changes.status_id not in found:
            raise Unprocessable.at("/changes/status_id", "no such status in this workspace")
        status_project, category = found[changes.status_id]
        for index, task in enumerate(tasks):
            if task.project_id != status_project:
                raise Unprocessable.at(
                    f"/task_ids/{index}", "the status belongs to another project"
                )
    for field, known in (
        ("assignee_ids", repo.known_members),
        ("add_assignee_ids", repo.known_members),
        ("remove_assignee_ids", repo.known_members),
        ("label_ids", repo.known_labels),
        ("add_label_ids", repo.known_labels),
        ("remove_label_ids", repo.known_labels),
    ):
        wanted = getattr(changes, field) or []
        existing = await known(wid, wanted)
        for index, value in enumerate(wanted):
            if value not in existing:
                raise Unprocessable.at(f"/changes/{field}/{index}", "not found in this workspace")
    await _ensure_active_projects(session, tasks)

    ids = [t.id for t in tasks]
    assignees, labels = await repo.assignees(wid, ids), await repo.labels(wid, ids)
    relink_assignees = _Relinking(
        changes.assignee_ids, changes.add_assignee_ids, changes.remove_assignee_ids
    )
    relink_labels = _Relinking(changes.label_ids, changes.add_label_ids, changes.remove_label_ids)
    for task in tasks:
        old_assignees, old_labels = assignees.get(task.id, []), labels.get(task.id, [])
        before = event_state(task, old_assignees, old_labels)
        new_assignees = relink_assignees.apply(old_assignees)
        new_labels = relink_labels.apply(old_labels)
        if changes.priority is not None:
            task.priority = changes.priority.value
        if (
            changes.status_id is not None
            and category is not None
            and task.status_id != changes.status_id
        ):
            task.status_id = changes.status_id
            set_completion(task, category)
        if new_assignees != old_assignees:
            await repo.replace_assignees(wid, task.id, new_assignees)
        if new_labels != old_labels:
            await repo.replace_labels(wid, task.id, new_labels)
        record_update(
            session, principal, task, before, event_state(task, new_assignees, new_labels)
        )
    await session.flush()
    return tasks


class _Relinking:
    """One bulk change of a task's links (assignees or labels): its sets are built once for
    every task, so each task's new links cost time linear in their number."""

    def __init__(
        self,
        replace: Sequence[uuid.UUID] | None,
        add: Sequence[uuid.UUID],
        remove: Sequence[uuid.UUID],
    ) -> None:
        self.replace = frozenset(replace) if replace is not None else None
        self.add = frozenset(add)
        self.remove = frozenset(remove)

    def apply(self, current: Sequence[uuid.UUID]) -> list[uuid.UUID]:
        linked = self.replace if self.replace is not None else frozenset(current)
        return sorted((linked | self.add) - self.remove)


async def unlink_everywhere(
    session: AsyncSession,
    principal: Principal,
    *,
    label_id: uuid.UUID | None = None,
    member_id: uuid.UUID | None = None,
) -> None:
    """Before a label or a member is deleted (its place on tasks goes with it, by the foreign
    keys): every task losing it gets a new version and a `task.updated` event, as an edit would,
    so stale If-Match headers and `updated_since` readers notice."""
    repo = TaskRepository(session)
    wid = principal.workspace_id
    linked = await repo.tasks_linked_to(wid, label_id=label_id, member_id=member_id)
    if not linked:
        return
    ids = [task_id for task_id, _ in linked]
    if label_id is not None:
        field, gone, current = "label_ids", str(label_id), await repo.labels(wid, ids)
    else:
        field, gone, current = "assignee_ids", str(member_id), await repo.assignees(wid, ids)
    for task_id, project_id in linked:
        before = sorted(str(linked_id) for linked_id in current[task_id])
        events.record(
            session,
            principal,
            "task.updated",
            entity_type="task",
            entity_id=task_id,
            workspace_id=wid,
            project_id=project_id,
            changes={field: {"before": before, "after": [x for x in before if x != gone]}},
        )
    await repo.touch(wid, ids)
